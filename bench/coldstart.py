"""Cold start: seconds from process start to the first 200 on /api/health, each command in turn.

  python3 bench/coldstart.py RUNS PORT 'label=command ...' ...

Each command is started RUNS times (alternating with the others), with {port} and {data} (a new
empty directory) filled in; it is polled every 2 ms from this one process and stopped after its
first 200. Prints each label's runs, median and ratio of medians to the first label.
"""
import http.client
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


def first_200(command: str, port: int) -> float:
    with tempfile.TemporaryDirectory() as data:
        args = shlex.split(command.format(port=port, data=data))
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                    connection.request("GET", "/api/health")
                    if connection.getresponse().status == 200:
                        return time.perf_counter() - start
                except OSError:
                    pass
                if process.poll() is not None:
                    raise SystemExit(f"exited with {process.returncode} before answering: {command}")
                time.sleep(0.002)
        finally:
            process.terminate()
            process.wait()


def main() -> None:
    runs, port = int(sys.argv[1]), int(sys.argv[2])
    commands = [argument.split("=", 1) for argument in sys.argv[3:]]
    times: dict[str, list[float]] = {label: [] for label, _ in commands}
    for _ in range(runs):
        for label, command in commands:
            times[label].append(first_200(command, port))
    base = statistics.median(times[commands[0][0]])
    for label, measured in times.items():
        median = statistics.median(measured)
        print(f"{label}: median {median:.3f}s ({median / base:.2f}x {commands[0][0]}), runs {' '.join(f'{t:.3f}' for t in sorted(measured))}")


main()
