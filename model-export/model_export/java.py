"""Runs insight-tools.jar subcommands: the single source of features and embeddings."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_JAR = REPO / "insight-tools" / "target" / "insight-tools.jar"


def jar_path() -> Path:
    jar = Path(os.environ.get("MODEL_EXPORT_JAR", DEFAULT_JAR))
    if not jar.exists():
        raise FileNotFoundError(f"{jar} not found: build it first with `mvn -q package -DskipTests`")
    return jar


def run(*args: str, heap: str = "4g") -> str:
    """Runs `java -jar insight-tools.jar ARGS` and returns its standard output; raises with its stderr on failure."""
    cmd = ["java", f"-Xmx{heap}", "-jar", str(jar_path()), *map(str, args)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return done.stdout


def simulate_history(out: Path, customers: int, days: int, seed: int, start: str = "2025-01-01T00:00:00Z") -> str:
    return run("simulate", "--output", out, "--customers", customers, "--days", days, "--seed", seed, "--start", start)


def replay(history: Path, out: Path, models_dir: Path | None = None, engine: str = "encoder",
           horizon: str = "30d", label_activity: str = "session") -> str:
    args = ["replay", "--input", history, "--output", out, "--engine", engine, "--horizon", horizon,
            "--label-activity", label_activity]
    if models_dir is not None:
        args += ["--models-dir", models_dir]
    return run(*args)


def embed(texts_jsonl: Path, out_npy: Path, language: str, batch: int = 32) -> str:
    return run("embed", "--input", texts_jsonl, "--output", out_npy, "--language", language, "--batch", batch)


def score_text(texts: list[str], models_dir: Path | None, engine: str, batch: int = 32) -> tuple[list[dict], float]:
    """Scores texts through `score-text`; returns the JSON rows and the wall time in seconds."""
    import json
    import time

    args = ["java", "-jar", str(jar_path()), "score-text", "--engine", engine, "--batch", str(batch)]
    if models_dir is not None:
        args += ["--models-dir", str(models_dir)]
    started = time.perf_counter()
    done = subprocess.run(args, input="\n".join(t.replace("\n", " ") for t in texts) + "\n", capture_output=True,
                          text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"score-text failed: {done.stderr[-2000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()], elapsed
