"""argparse in Dutch: help headings, usage errors with a suggestion, exit code 2; the project folder argument."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from koers.cli.exitcodes import EXIT_USAGE

# argparse's own words (help headings, usage errors) in Dutch: users of Koers are not developers.
_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "unrecognized arguments: %s": "onbekend: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "hier hoort één waarde achter",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "argument %(argument_name)s: %(message)s": "%(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan zijn: %(matches)s",
    "not allowed with argument %s": "mag niet samen met %s",
}
argparse._ = lambda text: _ARGPARSE_NL.get(text, text)  # type: ignore[attr-defined]


class DutchParser(argparse.ArgumentParser):
    """argparse with Dutch usage errors and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"koers: gebruiksfout: {message}{self._suggestion(message)}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)

    def _words(self) -> list[str]:
        """Every option, choice and command name this parser and its subcommands know."""
        words: list[str] = []
        for action in self._actions:
            words += action.option_strings
            if isinstance(action, argparse._SubParsersAction):
                words += list(action.choices)
                words += [w for sub in action.choices.values() if isinstance(sub, DutchParser) for w in sub._words()]
            elif isinstance(action.choices, (list, tuple)):
                words += [str(choice) for choice in action.choices]
        return words

    def _command_with(self, option: str) -> str | None:
        """The first command that knows this option, when it was given before the command instead of after it."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                having = [str(n) for n, sub in action.choices.items() if any(option in a.option_strings for a in sub._actions)]
                typed = [n for n in having if n in sys.argv[1:]]  # the command on this command line, if it has it
                return next(iter(typed or having), None)
        return None

    def _suggestion(self, message: str) -> str:
        """'; bedoelde je …?' for a mistyped option or command (a typo is a small slip, not a riddle)."""
        import difflib
        import re

        unknown = re.findall(r"(?<![\w-])(-{1,2}[\w-]+)", message.split(": ", 1)[-1]) if message.startswith("onbekend") else []
        unknown += re.findall(r"ongeldige keuze: '([^']+)'", message)
        known = self._words()
        for word in unknown:
            command = self._command_with(word)
            if command is not None:
                return f"; zet {word} na de opdracht, zoals in 'koers {command} {word}'"
            close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
            if close:
                return f"; bedoelde je '{close[0]}'?"
        return ""


def project_folder(value: str) -> Path:
    """The project folder: the given folder, or the nearest one above it (or above a given file) with content/."""
    path = Path(value)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"map '{value}' bestaat niet")
    start = (path if path.is_dir() else path.parent).resolve()
    return next((folder for folder in (start, *start.parents) if (folder / "content").is_dir()), path)


def port_number(value: str) -> int:
    """A TCP port for `koers serve --port`: a whole number from 1 to 65535."""
    if not value.strip().isascii() or not value.strip().isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"poort '{value}' bestaat niet: kies een getal van 1 tot en met 65535, bijvoorbeeld 8000")
    return int(value)
