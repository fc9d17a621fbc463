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

    def handle(self, *args, host, port, workers, threads, **options):
        from gunicorn.app.base import BaseApplication

        from koers.wsgi import application

        class Server(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("threads", threads)
                self.cfg.set("accesslog", "-")
                self.cfg.set("timeout", 120)

            def load(self):
                return application

        self.stdout.write(f"Koers on http://{host}:{port}/ (data in {settings.DATA_DIR})")
        Server().run()
