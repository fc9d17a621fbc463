import gc

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from koers.commands import KoersCommand

# Python's cyclic garbage collector runs after every 700 new objects and then walks the
# ~160,000 objects Django and Koers keep alive; a page builds tens of thousands. Collecting
# less often (and leaving the objects loaded at start out of it: gc.freeze, which also keeps
# the workers' copy-on-write memory shared) takes a tenth off every page's CPU time.
GC_THRESHOLD = (50_000, 20, 50)

# How long an idle connection stays open for the browser's next request (gunicorn's own
# default is 2 s, made for a proxy in front). A client that reuses a connection just as the
# server closes it sees "connection reset" (a POST is not sent again): at 2 s that hit people
# who paused for two seconds, and the load test's first request after its logins. An idle
# connection costs a socket, not a thread (gthread); nginx's default for browsers is 75 s.
KEEPALIVE = 75


def tune_gc() -> None:
    """Collect rarely and leave what the server loaded at start out of every collection."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


class Command(KoersCommand):
    help = _(
        "Serve Koers with the production WSGI server (gunicorn), static files included. "
        "Run `koers migrate` and `koers collectstatic` first (`make run` does both)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help=_("address to listen on"))
        parser.add_argument("--port", type=int, default=8000, help=_("port to listen on"))
        parser.add_argument("--workers", type=int, default=2, help=_("worker processes"))
        parser.add_argument("--threads", type=int, default=4, help=_("threads per worker"))
        parser.add_argument(
            "--max-requests",
            type=int,
            default=0,
            help=_("replace a worker after this many requests, giving its memory back (0: never)"),
        )
        parser.add_argument(
            "--max-requests-jitter",
            type=int,
            default=0,
            help=_("add up to this many requests at random, so workers restart at different times"),
        )
        parser.add_argument(
            "--timeout", type=int, default=120, help=_("end a request that takes longer (seconds)")
        )
        parser.add_argument(
            "--keepalive",
            type=int,
            default=KEEPALIVE,
            help=_(
                "keep an idle connection open this long for the browser's next request (seconds)"
            ),
        )

    def handle(self, *args, host, port, workers, threads, **options):
        recycle = (options["max_requests"], options["max_requests_jitter"], options["timeout"])
        keepalive = options["keepalive"]
        from gunicorn.app.base import BaseApplication

        from koers.wsgi import application

        class Server(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("threads", threads)
                self.cfg.set("accesslog", "-")
                self.cfg.set("max_requests", recycle[0])
                self.cfg.set("max_requests_jitter", recycle[1])
                self.cfg.set("timeout", recycle[2])
                self.cfg.set("keepalive", keepalive)

            def load(self):
                return application

        self.stdout.write(f"Koers on http://{host}:{port}/ (data in {settings.DATA_DIR})")
        tune_gc()  # before gunicorn forks its workers: they inherit both settings
        Server().run()
