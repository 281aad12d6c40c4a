"""Another Induct process for the fault tests: appends acknowledgements to a register.

Usage: python -m tests.unit.core.register.writer_child REGISTER FIRST COUNT (COUNT 0: forever).
Waits for a line on stdin, then prints the number of events committed after each commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.core.register.register import Register
from tests.unit.core.register.support import make_ack


def main() -> None:
    path, first, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    register = Register(path)
    print("ready", flush=True)
    sys.stdin.readline()
    done = 0
    while count == 0 or done < count:
        register.add_acknowledgement(make_ack(first + done))
        done += 1
        print(done, flush=True)


if __name__ == "__main__":
    main()
