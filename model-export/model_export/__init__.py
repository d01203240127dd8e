"""model-export: train, evaluate, calibrate and export the ONNX models that Customer Insight Streams runs.

Features are never computed here: training rows come from the Java feature code (`insight-tools.jar replay`)
and sentiment embeddings from the Java encoder path (`insight-tools.jar embed`).
"""
