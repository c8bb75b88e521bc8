"""Speed, peak memory and the peer comparison over ../shared/reports-2026 (see policy_ie/bench.py).

    python training/bench.py --json bench.json
    python training/bench.py tokenize parse --limit 3      # a quick partial run
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from policy_ie.bench import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
