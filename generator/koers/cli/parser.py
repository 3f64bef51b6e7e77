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

    _typed: list[str] = []  # the words on the command line, for suggestions that fit the command being used
    _intermixing = False
    intermixed = False  # set on a command whose optional positional may follow its options (koers diff)

    def parse_known_args(self, args=None, namespace=None):
        if args is not None and self.intermixed and not self._has_commands():
            # A command's own words may come in any order: 'koers diff v1 --naar v2 MAP' as well as 'koers diff v1 MAP --naar v2'.
            if not self._intermixing:
                self._intermixing, saved = True, self.usage
                # argparse cuts its own 'usage: ' off the front of the usage line here; ours is Dutch and longer.
                self.usage = saved or self.format_usage().removeprefix(_ARGPARSE_NL["usage: "]).rstrip("\n")
                try:
                    return self.parse_known_intermixed_args(args, namespace)
                finally:
                    self._intermixing, self.usage = False, saved
        if not DutchParser._typed and args is None:
            DutchParser._typed = sys.argv[1:]
        elif self.prog == "koers" and args is not None:
            DutchParser._typed = list(args)
        return super().parse_known_args(args, namespace)

    def _has_commands(self) -> bool:
        return any(isinstance(a, argparse._SubParsersAction) for a in self._actions)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"koers: gebruiksfout: {message}{self._suggestion(message)}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)

    def _words(self) -> list[str]:
        """Every option, choice and command name this parser knows (its subcommands' words only where it has no command typed)."""
        words: list[str] = []
        for action in self._actions:
            words += action.option_strings
            if isinstance(action, argparse._SubParsersAction):
                words += list(action.choices)
            elif isinstance(action.choices, (list, tuple)):
                words += [str(choice) for choice in action.choices]
        return words

    def _active(self) -> DutchParser:
        """The (sub)command the typed words lead to: 'koers new actie …' → the parser of 'new actie'."""
        parser: DutchParser = self
        for word in DutchParser._typed:
            commands = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
            if commands is None:
                break
            sub = commands.choices.get(word)
            if isinstance(sub, DutchParser):
                parser = sub
        return parser

    def _command_with(self, option: str) -> str | None:
        """The first command that knows this option, when it was given before the command instead of after it."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                having = [str(n) for n, sub in action.choices.items() if any(option in a.option_strings for a in sub._actions)]
                typed = [n for n in having if n in DutchParser._typed]  # the command on this command line, if it has it
                return next(iter(typed), None)
        return None

    def _suggestion(self, message: str) -> str:
        """'; bedoelde je …?' for a mistyped option or command, from the words of the command being used only."""
        import difflib
        import re

        unknown = re.findall(r"(?<![\w-])(-{1,2}[\w-]+)", message.split(": ", 1)[-1]) if message.startswith("onbekend") else []
        unknown += re.findall(r"ongeldige keuze: '([^']+)'", message)
        active = self._active() if self.prog == "koers" else self
        known = active._words()
        for word in unknown:
            misplaced = active.prog.removeprefix("koers ") if active is not self and word in known and self.prog == "koers" else None
            if misplaced is None and active is self:
                misplaced = self._command_with(word)
            if misplaced is not None:
                return f"; zet {word} na de opdracht, zoals in 'koers {misplaced} {word}'"
            # Compared without their dashes: every option starts with '--', which made '--bron' look like '--na'.
            bare = {k.lstrip("-"): k for k in known}
            close = difflib.get_close_matches(word.lstrip("-"), list(bare), n=1, cutoff=0.6)
            if close:
                return f"; bedoelde je '{bare[close[0]]}'?"
        if unknown and active is not self:
            options = sorted(w for w in known if w.startswith("--") and w != "--help")
            return f"; '{active.prog}' kent: {', '.join(options)}" if options else ""
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
