package io.customerinsight.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import java.nio.FloatBuffer;

/** Rows of features as one ONNX input tensor. */
final class RowTensors {
    private RowTensors() {
    }

    /**
     * A flat buffer with its shape: {@code createTensor(float[][])} walks the array by reflection, element by
     * element, boxing as it goes.
     */
    static OnnxTensor of(float[][] rows) throws OrtException {
        int width = rows.length == 0 ? 0 : rows[0].length;
        FloatBuffer flat = FloatBuffer.allocate(rows.length * width);
        for (float[] row : rows) {
            flat.put(row);
        }
        flat.flip();
        return OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), flat, new long[] {rows.length, width});
    }
}
