from django.conf import settings
from django.utils.translation import gettext_lazy as _

from koers.commands import KoersCommand


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

    def handle(self, *args, host, port, workers, threads, **options):
        recycle = (options["max_requests"], options["max_requests_jitter"], options["timeout"])
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

            def load(self):
                return application

        self.stdout.write(f"Koers on http://{host}:{port}/ (data in {settings.DATA_DIR})")
        Server().run()
