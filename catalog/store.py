"""The catalogue's one way in for writers: :class:`Store` merges servers and tools (``catalog.upsert``), keeps
verdicts and LLM answers (``catalog.assessments``), and here, what the crawler needs between nights: which
packages and repositories to ask, what each URL answered last time (validators), and the log of crawl runs.
"""

from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from catalog.assessments import Verdicts
from catalog.models import CrawlRun, Package, Server, Tool, Validator
from catalog.upsert import UpsertResult, Upserts, now_utc

__all__ = ["Store", "UpsertResult", "now_utc"]


class Store(Upserts, Verdicts):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- what to crawl ----------------------------------------------------------------------

    def packages(self, registry_type: str) -> list[tuple[str, str | None, dict[str, Any], bool]]:
        """Every package of a registry the catalogue knows, in one query: its identifier, the version its server
        names, that server's extras and whether the server has tools (a package on two servers: two rows)."""
        offers = select(Tool.id).where(Tool.server_id == Server.id, col(Tool.removed).is_(False)).exists()
        with Session(self.engine) as session:
            rows = session.exec(
                select(Package.identifier, Package.version, Server.extra, offers)
                .join(Server, col(Server.id) == Package.server_id)
                .where(Package.registry_type == registry_type)
                .order_by(Package.identifier, Package.id)
            ).all()
        return [(identifier, version, extra or {}, bool(tools)) for identifier, version, extra, tools in rows]

    def repositories(
        self, host: str, packages: tuple[str, ...] = ("npm", "pypi")
    ) -> list[tuple[str, dict[str, Any], bool]]:
        """Every normalised repository URL on ``host`` the catalogue knows, with its server's extras and whether
        the server has tools and one of the ``packages`` sources (then its tools came with a package)."""
        offers = select(Tool.id).where(Tool.server_id == Server.id, col(Tool.removed).is_(False)).exists()
        with Session(self.engine) as session:
            rows = session.exec(
                select(Server.repository_url, Server.extra, Server.sources, offers)
                .where(col(Server.repository_url).startswith(f"{host}/"))
                .order_by(Server.repository_url)
            ).all()
        return [
            (url, extra or {}, bool(tools) and any(s in packages for s in sources or []))
            for url, extra, sources, tools in rows
            if url
        ]

    # -- conditional requests ----------------------------------------------------------------

    def validators(self) -> dict[str, tuple[str | None, str | None]]:
        """URL -> (ETag, Last-Modified) of every upstream answer whose result the catalogue holds."""
        with Session(self.engine) as session:
            rows = session.exec(select(Validator.url, Validator.etag, Validator.last_modified)).all()
        return {url: (etag, modified) for url, etag, modified in rows}

    def save_validators(self, validators: dict[str, tuple[str | None, str | None]]) -> None:
        """Remember what each URL answered, once what it answered is stored."""
        if not validators:
            return
        with Session(self.engine) as session, session.begin():
            rows = {v.url: v for v in session.exec(select(Validator).where(col(Validator.url).in_(validators)))}
            for url, (etag, modified) in validators.items():
                row = rows.get(url) or Validator(url=url, saved_at=now_utc())
                if (row.etag, row.last_modified) != (etag, modified) or row.id is None:
                    row.etag, row.last_modified, row.saved_at = etag, modified, now_utc()
                    session.add(row)

    # -- crawl runs --------------------------------------------------------------------------

    def start_run(self, source: str, url: str | None = None) -> int:
        with Session(self.engine) as session, session.begin():
            run = CrawlRun(source=source, url=url, started=now_utc())
            session.add(run)
            session.flush()
            assert run.id is not None
            return run.id

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any], error: str | None = None) -> None:
        with Session(self.engine) as session, session.begin():
            run = session.get(CrawlRun, run_id)
            assert run is not None
            run.finished, run.status, run.counts, run.error = now_utc(), status, counts, error

    def last_successful_run(self, source: str, url: str | None = None) -> CrawlRun | None:
        """The latest run from ``url`` that got through (a few malformed records make it partial, not failed)."""
        with Session(self.engine) as session:
            return session.exec(
                select(CrawlRun)
                .where(CrawlRun.source == source, CrawlRun.url == url, col(CrawlRun.status).in_(("ok", "partial")))
                .order_by(col(CrawlRun.started).desc())
            ).first()
