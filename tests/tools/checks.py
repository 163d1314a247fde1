"""Soft checks for the tool tests: every failure is printed, the script fails at the end."""
import sys

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def finish(summary):
    if failures:
        sys.exit(f"{len(failures)} check(s) failed")
    print(summary)
