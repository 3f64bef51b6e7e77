"""The site-engine adapter: the only module that imports mkdocs.

Koers renders every page and asset itself (koers.render.pages.assemble) into a staging
folder: ``staging/docs/`` holds Markdown pages, assets and downloads, and
``staging/docs/.koers/site.json`` the navigation. This module writes the
effective engine config to ``staging/mkdocs.yml`` and runs MkDocs with Material
in-process, in strict mode, into ``staging/site/``. Every engine warning becomes
a finding in the report (path ``mkdocs.yml``).

The effective config starts from the project's ``mkdocs.yml`` as screened by
koers.publish.sitepolicy (site_name, site_description, site_author, copyright, site_url,
extra.homepage, theme.features, theme.icon and markdown_extensions, each by
allow-list) and Koers sets the rest: docs_dir, site_dir, nav, theme language/palette/font/logo/favicon/custom_dir, extra_css, the search
plugin (Dutch) and strict mode; what it ignores is a warning (koers.publish.siteignored). repo_url is read only for the "Bewerk deze
pagina" links, which the pages carry in their front matter (``edit_url``);
it is not passed to the engine, because Material's header would then fetch
repository facts from the forge's API (a request to another host). Material's
privacy, social and blog plugins are never enabled (they fetch from the internet);
the offline plugin only on request (koers.publish.fileshare). ``_settle`` does
what the written config cannot (MkDocs' own fenced_code off, local emoji).

Moving to Zensical changes only this module. Zensical reads the same
``mkdocs.yml`` keys (nav, theme.features, palette, custom_dir, extra_css,
markdown_extensions), so ``effective_config`` and ``write_config`` stay;
``_build`` (with ``_settle``) would run Zensical's build on ``staging/mkdocs.yml`` instead of
``mkdocs.commands.build.build``, ``_engine_log`` would collect its findings, and
``run_dev_server`` would use its ``serve``. The pages (Markdown with small HTML
and final, relative .html links) need no engine features, and the overrides in
templates/overrides/ use the Material blocks and partials that Zensical keeps.
Tried with Zensical 0.1.1 (in its own virtualenv): ``zensical build -f
staging/mkdocs.yml`` built the example as it is, with the overrides and house
style applied, no broken links and no request to another host.
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from koers.findings import Report
from koers.publish.fileshare import fileshare_config, stage_shim
from koers.publish.pageblocks import PageBlocks
from koers.publish.siteconfig import theme_features, theme_settings
from koers.publish.siteignored import DROPPED_FEATURES
from koers.publish.siteoptions import koers_options
from koers.publish.sitepolicy import CONFIG_FILE, read_site_settings
from koers.render.pages.assemble import NAV_FILE
from koers.render.pages.assets import ASSETS, STYLESHEET
from koers.resources import templates_dir
from koers.reuse import site as site_reuse
from koers.reuse.store import cache_root

TUNABLE = ("site_name", "site_description", "site_author", "copyright", "site_url", "extra")
TUNABLE_THEME = ("features", "icon")
REQUIRED_FEATURES = ("navigation.indexes",)
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc")
# MkDocs always adds fenced_code; it would read a fence inside a page's sanitised HTML as code, and with
# attr_list `~~~ {onclick=alert(1)}` in a Markdown body became an event handler on the site.
DROPPED_BUILTINS = ("fenced_code",)
# Material prints these raw in some places and escaped (`| e`) in others; see _build.
PLAIN_TEXT = ("site_name", "site_description", "site_author")
# The social PNG the build makes (koers.render.posters.social); absolute in og:image when site_url is set.
SOCIAL_IMAGE = "downloads/strategie-in-een-beeld-social.png"
# How often `koers serve` looks for saved files: a look costs about 11 µs per watched file, so a
# project of at most SMALL_PROJECT_FILES files is looked at twice as often (at most 5% of a core).
POLL_SECONDS = 0.1
POLL_SECONDS_SMALL = 0.05
SMALL_PROJECT_FILES = 200
SETTLE_SECONDS = 0.02  # how long it then waits for the rest of a save
DIRTY_WARNING = "A 'dirty' build is being performed"


def _extensions(base: Any) -> list[Any]:
    """The kernteam's (screened) Markdown extensions plus those the generated pages rely on."""
    items = [i for i in base if isinstance(i, str) or (isinstance(i, dict) and len(i) == 1)] if isinstance(base, list) else []
    names = {next(iter(i)) if isinstance(i, dict) else i for i in items}
    return items + [e for e in REQUIRED_EXTENSIONS if e not in names]


def _theme(base: dict[str, Any], docs: Path) -> dict[str, Any]:
    given = theme_settings(base)
    theme: dict[str, Any] = {k: given[k] for k in TUNABLE_THEME if k in given}
    features = [f for f in theme_features(base) if f not in DROPPED_FEATURES]
    theme["features"] = features + [f for f in REQUIRED_FEATURES if f not in features]
    theme.update(
        name="material",
        language="nl",
        font=False,
        custom_dir="overrides",
        palette={"scheme": "default", "primary": "custom", "accent": "custom"},
    )
    for key in ("logo", "favicon"):
        found = sorted((docs / ASSETS).glob(f"{key}.*"))
        if found:
            theme[key] = found[0].relative_to(docs).as_posix()
    return theme


def effective_config(base: dict[str, Any], site: dict[str, Any], docs: Path) -> dict[str, Any]:
    """The engine config: the kernteam's screened keys from mkdocs.yml (sitepolicy), everything else from Koers."""
    config: dict[str, Any] = {k: base[k] for k in TUNABLE if k in base}
    config.setdefault("site_name", site.get("site_name") or "Digitaliseringsstrategie")
    # Material prints these raw into HTML (title, aria-label, meta); the kernteam writes plain text.
    for key in PLAIN_TEXT:
        if isinstance(config.get(key), str):
            config[key] = html.escape(config[key])
    if site.get("organisatie"):
        config.setdefault("copyright", site["organisatie"])
    given = config.get("extra")
    # Only extra.homepage passes the screen; Koers' own keys come from Koers alone.
    extra: dict[str, Any] = {"homepage": given["homepage"]} if isinstance(given, dict) and isinstance(given.get("homepage"), str) else {}
    extra["generator"] = False
    if site.get("concept"):
        extra["koers_concept"] = True  # the banner on every page (overrides/main.html)
        extra["koers_open_points"] = int(site.get("open_points") or 0)
    if (docs / SOCIAL_IMAGE).is_file():
        extra["koers_social"] = SOCIAL_IMAGE  # og:image, absolute with site_url only (overrides/main.html)
    plugins, fileshare = fileshare_config(given)
    extra.update(fileshare)
    if "matomo" in (options := koers_options(given)):
        extra["koers_matomo"] = options["matomo"]  # the tracker in overrides/main.html
    config.update(
        extra=extra,
        docs_dir="docs",
        site_dir="site",
        use_directory_urls=False,  # plain .html links work from a file share and an offline intranet
        strict=True,
        nav=site.get("nav", []),
        theme=_theme(base, docs),
        extra_css=[STYLESHEET],
        plugins=plugins,
        markdown_extensions=_extensions(base.get("markdown_extensions")),
        validation={
            "nav": {"omitted_files": "warn", "not_found": "warn"},
            "links": {"not_found": "warn", "unrecognized_links": "warn"},
        },
    )
    if site.get("not_in_nav"):
        # Pages of long sections are linked from their overview page only (koers.render.pages.assemble.NAV_LIMIT).
        config["not_in_nav"] = "\n".join(site["not_in_nav"])
    return config


def write_config(project: Path, staging: Path, base: dict[str, Any], extra: dict[str, Any] | None = None) -> Path:
    """Write staging/mkdocs.yml and the theme overrides; returns the config path."""
    docs = staging / "docs"
    nav_file = docs / NAV_FILE
    site = json.loads(nav_file.read_text(encoding="utf-8")) if nav_file.is_file() else {}
    config = effective_config(base, site, docs)
    if extra:
        config["extra"] = {**config["extra"], **extra}
    stage_shim(docs, base.get("extra"))
    overrides = staging / "overrides"
    shutil.rmtree(overrides, ignore_errors=True)
    shutil.copytree(templates_dir() / "overrides", overrides)
    path = staging / CONFIG_FILE
    header = "# Gemaakt door Koers uit mkdocs.yml van het project; niet met de hand aanpassen.\n"
    path.write_text(header + yaml.safe_dump(config, allow_unicode=True, sort_keys=True), encoding="utf-8")
    return path


class _Collect(logging.Handler):
    """Keeps every engine warning so it can become a finding."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _engine_log() -> Iterator[_Collect]:
    """Capture the engine's warnings instead of letting them print."""
    logger = logging.getLogger("mkdocs")
    handler, propagate = _Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


@contextmanager
def _reproducible(epoch: str) -> Iterator[None]:
    """Pin the engine's one date (sitemap lastmod, gzip mtime) to the build's epoch while it runs."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _settle(config: Any) -> None:
    """What the written config cannot say: plain text that Material escapes once, local emoji, no fenced_code, Koers' page blocks."""
    from markupsafe import Markup
    from pymdownx import emoji

    # effective_config escaped these for the places where Material prints them raw; as Markup, the places
    # where it escapes them itself (the logo's title="{{ config.site_name | e }}") leave them as they are.
    for key in PLAIN_TEXT:
        if isinstance(config.get(key), str):
            config[key] = Markup(config[key])
    config["markdown_extensions"] = [e for e in config["markdown_extensions"] if e not in DROPPED_BUILTINS] + [PageBlocks()]
    if "pymdownx.emoji" in config["markdown_extensions"]:
        # Emoji become the characters themselves: the defaults would be <img> elements from a CDN.
        options = config["mdx_configs"].setdefault("pymdownx.emoji", {})
        options.update(emoji_index=emoji.twemoji, emoji_generator=emoji.to_alt)


def _installed_listing(folder: str) -> list[str]:
    """The files of an installed theme folder as template names, without hidden folders and files.

    MkDocs lists every file of every theme folder in each build to find the theme's static files,
    then drops each name with a part starting with a dot: in Material that is 14,000 icons under
    .icons/, listed and matched again on every save in `koers serve` (60-100 ms). An installed
    theme does not change while Koers runs, so its listing is made once per process.
    """
    if folder not in _LISTINGS:
        _LISTINGS[folder] = _walk(folder)
    return _LISTINGS[folder]


_LISTINGS: dict[str, list[str]] = {}


def _walk(folder: str) -> list[str]:
    found: list[str] = []
    for path, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = os.path.relpath(path, folder).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found.extend(prefix + name for name in files if not name.startswith("."))
    return found


def _faster_theme(config: Any) -> None:
    """Keep the theme's compiled templates in Koers' cache, and list the installed theme folders once per process.

    MkDocs compiles all of Material's templates anew in every build. Jinja checks each template's
    source against its stored checksum (and its own and Python's version), so an edited or upgraded
    template is compiled again; a cache that cannot be read or written is skipped. The staged
    overrides folder is listed in every build, as MkDocs does.
    """
    from jinja2 import FileSystemBytecodeCache, FileSystemLoader

    class Tolerant(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError):
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                return

    staged = os.path.normpath(str(config.theme.custom_dir)) if config.theme.custom_dir else None

    class Listed(FileSystemLoader):
        def list_templates(self) -> list[str]:
            found: set[str] = set()
            for folder in self.searchpath:  # the staged overrides, then the installed theme folders
                found.update(_walk(folder) if os.path.normpath(folder) == staged else _installed_listing(folder))
            return sorted(found)

    folder = cache_root() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        cache: Tolerant | None = Tolerant(str(folder))
    except OSError:
        cache = None
    make_env = config.theme.get_env

    def get_env() -> Any:
        env = make_env()
        env.loader = Listed(env.loader.searchpath)
        if cache is not None:
            env.bytecode_cache = cache
        return env

    config.theme.get_env = get_env


def _keep_search_index(config: Any) -> None:
    """A dirty build (the preview) keeps the search index of the last full build instead of indexing its few pages.

    The search plugin would write an index of only the rebuilt pages; without its page and
    post-build handlers the previous, complete index stays (stale only in the changed pages).
    """
    plugins = config.plugins
    for event in ("page_context", "post_build"):
        plugins.events[event] = [m for m in plugins.events[event] if plugins._event_origins.get(m) not in ("search", "material/search")]


def _build(config_file: Path, dirty: bool = False) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file))
    _settle(config)
    _faster_theme(config)
    if dirty:
        # MkDocs warns that a dirty build is for development (true, it is the preview) and strict
        # mode would turn that into an abort; run_engine still reports every other warning.
        config["strict"] = False
        _keep_search_index(config)
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()


def _without_nav(config_file: Path) -> str | None:
    """The written engine config minus its nav, to compare two builds (None when there is none)."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError:
        return None
    # Koers wrote this file (yaml.safe_dump), so libyaml reads it as PyYAML would, ten times faster.
    config = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    return json.dumps({k: v for k, v in config.items() if k != "nav"}, sort_keys=True) if isinstance(config, dict) else None


@dataclass(frozen=True)
class EngineRun:
    """What run_engine did: the key of the site it stands for (None: not reusable), whether it reused one,
    and whether it rebuilt only the changed pages (dirty) or all of them."""

    key: str | None = None
    reused: bool = False
    dirty: bool = False


def run_engine(
    project: Path,
    staging: Path,
    report: Report,
    epoch: str = "0",
    extra: dict[str, Any] | None = None,
    dirty: bool = False,
    published: Path | None = None,
) -> EngineRun:
    """Write the effective config and build staging/docs into staging/site; warnings become errors.

    dirty=True (the live preview only) rebuilds just the pages whose Markdown is newer than their
    HTML, when the last build in this staging folder used the same config apart from the nav;
    the search index stays that of the last full build, and other pages keep their old nav.
    epoch: the build's one date (koers.pipeline.context.build_epoch), for the sitemap and gzip times.
    published (koers build): the site published last; when it was made from exactly these inputs
    and is untouched (koers.reuse.site), the engine does not run and staging/site is not made.
    """
    project = project.resolve()
    # Refused settings are findings (check reports the same ones) and are left out; unreadable ones stop here.
    base = read_site_settings(project, report)
    if base is None:
        return EngineRun()
    previous = _without_nav(staging / CONFIG_FILE) if dirty else None
    config_file = write_config(project, staging, base, extra)
    key = site_reuse.engine_key(staging, config_file, epoch) if published is not None else None
    if published is not None and site_reuse.is_current(published, key):
        return EngineRun(key, reused=True)
    from mkdocs.exceptions import MkDocsException

    dirty = dirty and previous is not None and previous == _without_nav(config_file) and (staging / "site").is_dir()
    with _engine_log() as log, _reproducible(epoch):
        try:
            _build(config_file, dirty=True) if dirty else _build(config_file)
        except (MkDocsException, OSError, yaml.YAMLError) as exc:
            # Strict mode aborts after the warnings were logged; report the cause only when nothing was.
            if not log.messages:
                report.error(CONFIG_FILE, 1, f"de website kon niet worden gebouwd: {exc}")
    for message in dict.fromkeys(log.messages):
        if not (dirty and message.startswith(DIRTY_WARNING)):
            report.error(CONFIG_FILE, 1, f"website: {message}")
    return EngineRun(key, dirty=dirty)


def run_dev_server(site: Path, host: str, port: int, watch: list[Path], rebuild: Callable[[], None]) -> None:
    """Serve site/ with live reload; `rebuild` runs whenever a file under `watch` changes (until Ctrl+C).

    Raises OSError when the address is in use.
    """
    from mkdocs.livereload import LiveReloadServer

    # MkDocs polls for changes every 0.5 s; 0.1 s (0.05 s for a project of at most SMALL_PROJECT_FILES
    # files) takes 0.2 s off the average save-to-preview time for a few milliseconds of stat() calls per poll.
    files = sum(1 for path in watch for _ in (path.rglob("*") if path.is_dir() else (path,)))
    interval = POLL_SECONDS_SMALL if files <= SMALL_PROJECT_FILES else POLL_SECONDS
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site), polling_interval=interval)
    # MkDocs waits 0.1 s after a change for more changes. The polling observer reports all the changes it
    # saw in one poll within milliseconds, so a short wait still makes one rebuild of a multi-file save.
    server.build_delay = SETTLE_SECONDS
    for path in watch:
        if path.exists():
            server.watch(str(path))
    logger = logging.getLogger("mkdocs")
    propagate, logger.propagate = logger.propagate, False  # the server's English log lines stay out of the terminal
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        logger.propagate = propagate
        server.shutdown()
