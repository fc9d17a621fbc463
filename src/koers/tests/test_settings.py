import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

PYTHON = sys.executable
SRC = str(Path(__file__).resolve().parents[2])


def run_settings(env: dict, code: str) -> str:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("KOERS_")}
    full_env.update(env, DJANGO_SETTINGS_MODULE="koers.settings", PYTHONPATH=SRC)
    result = subprocess.run(
        [PYTHON, "-c", "import django; django.setup(); from django.conf import settings; " + code],
        env=full_env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


class SettingsTestCase(SimpleTestCase):
    def test_it_runs_with_zero_configuration_on_sqlite_in_wal_mode(self, tmp=None):
        import tempfile

        with tempfile.TemporaryDirectory() as data_dir:
            out = run_settings(
                {"KOERS_DATA_DIR": data_dir},
                "from django.db import connection; c = connection.cursor(); "
                "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]); "
                "print(settings.DATABASES['default']['NAME'])",
            )
            mode, name = out.splitlines()
            self.assertEqual(mode, "wal")
            self.assertEqual(name, str(Path(data_dir) / "koers.sqlite3"))
            # The secret key is generated once and kept in the data directory.
            key_file = Path(data_dir) / "secret_key"
            self.assertTrue(key_file.exists())
            again = run_settings({"KOERS_DATA_DIR": data_dir}, "print(settings.SECRET_KEY)")
            self.assertEqual(again, key_file.read_text().strip())

    def test_it_reads_postgresql_from_the_database_url(self):
        out = run_settings(
            {
                "KOERS_DATABASE_URL": "postgres://u:p@db.example:5433/koers",
                "KOERS_DATA_DIR": "/tmp",
            },
            "d = settings.DATABASES['default']; "
            "print(d['ENGINE'], d['HOST'], d['PORT'], d['NAME'])",
        )
        self.assertEqual(out, "django.db.backends.postgresql db.example 5433 koers")

    def test_it_reads_debug_hosts_and_mail_from_the_environment(self):
        out = run_settings(
            {
                "KOERS_DATA_DIR": "/tmp",
                "KOERS_DEBUG": "1",
                "KOERS_ALLOWED_HOSTS": "kpi.example.nl,localhost",
                "KOERS_EMAIL_HOST": "smtp.example.nl",
            },
            "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.EMAIL_HOST)",
        )
        self.assertEqual(out, "True ['kpi.example.nl', 'localhost'] smtp.example.nl")

    def test_it_passes_the_deploy_checks_when_configured_for_production(self):
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("KOERS_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
        }
        env.update(
            KOERS_DATA_DIR="/tmp/koers-deploy-check",
            KOERS_SECRET_KEY="a" * 20 + "-long-and-random-production-secret-key-xyz-123",
            KOERS_HTTPS="1",
            KOERS_ALLOWED_HOSTS="kpi.example.nl",
            PYTHONPATH=SRC,
        )
        result = subprocess.run(
            [PYTHON, "-m", "koers.cli", "check", "--deploy", "--fail-level", "WARNING"],
            env=env,
            capture_output=True,
            text=True,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_it_uses_dutch_by_default_with_english_available(self):
        self.assertEqual(settings.LANGUAGE_CODE, "nl")
        self.assertEqual([code for code, _ in settings.LANGUAGES], ["nl", "en"])


class EnvBoolTestCase(SimpleTestCase):
    def test_it_refuses_a_yes_no_setting_it_cannot_read(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("KOERS_")}
        env.update(KOERS_DATA_DIR="/tmp", KOERS_HTTPS="ture", PYTHONPATH=SRC)
        result = subprocess.run(
            [PYTHON, "-m", "koers.cli", "check"], env=env, capture_output=True, text=True
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("KOERS_HTTPS='ture' is not a yes/no value", result.stderr)

    def test_it_reads_every_spelling_of_yes_and_no(self):
        out = run_settings(
            {"KOERS_DATA_DIR": "/tmp", "KOERS_HTTPS": " Yes ", "KOERS_DEBUG": "off"},
            "print(settings.HTTPS, settings.DEBUG)",
        )
        self.assertEqual(out, "True False")


class SharedStateTestCase(SimpleTestCase):
    def test_it_keeps_sessions_cache_and_task_queue_in_the_database_by_default(self):
        out = run_settings(
            {"KOERS_DATA_DIR": "/tmp"},
            "print(settings.SESSION_ENGINE); print(settings.CACHES['default']['BACKEND']); "
            "print(settings.TASKS['default']['BACKEND'])",
        )
        self.assertEqual(
            out.splitlines(),
            [
                "django.contrib.sessions.backends.db",
                "django.core.cache.backends.db.DatabaseCache",
                "django_tasks_db.DatabaseBackend",
            ],
        )

    def test_it_runs_tasks_at_once_when_asked_and_refuses_an_unknown_mode(self):
        out = run_settings(
            {"KOERS_DATA_DIR": "/tmp", "KOERS_TASKS": "immediate"},
            "print(settings.TASKS['default']['BACKEND'])",
        )
        self.assertEqual(out, "django_tasks.backends.immediate.ImmediateBackend")
        with self.assertRaises(subprocess.CalledProcessError) as refused:
            run_settings({"KOERS_DATA_DIR": "/tmp", "KOERS_TASKS": "celery"}, "print(1)")
        self.assertIn("KOERS_TASKS='celery'", refused.exception.stderr)

    def test_it_explains_a_redis_url_without_the_redis_client(self):
        code = "import importlib.util, sys; sys.exit(importlib.util.find_spec('redis') is not None)"
        if subprocess.run([PYTHON, "-c", code]).returncode:
            self.skipTest("the redis client is installed here")
        with self.assertRaises(subprocess.CalledProcessError) as refused:
            run_settings({"KOERS_DATA_DIR": "/tmp", "KOERS_REDIS_URL": "redis://x:6379"}, "1")
        self.assertIn("koers[redis]", refused.exception.stderr)


class PrivateFilesTestCase(SimpleTestCase):
    def test_it_keeps_the_data_directory_database_and_key_private(self):
        import stat
        import tempfile

        with tempfile.TemporaryDirectory() as parent:
            data_dir = Path(parent) / "data"
            run_settings(
                {"KOERS_DATA_DIR": str(data_dir)},
                "from django.db import connection; connection.cursor().execute('select 1')",
            )
            for path in (data_dir, data_dir / "koers.sqlite3", data_dir / "secret_key"):
                mode = stat.S_IMODE(path.stat().st_mode)
                self.assertEqual(mode & 0o077, 0, f"{path.name} is {oct(mode)}")

    def test_it_makes_an_existing_world_readable_database_private(self):
        import stat
        import tempfile

        with tempfile.TemporaryDirectory() as data_dir:
            db = Path(data_dir) / "koers.sqlite3"
            db.touch(mode=0o644)
            db.chmod(0o644)
            run_settings({"KOERS_DATA_DIR": data_dir}, "print(1)")
            self.assertEqual(stat.S_IMODE(db.stat().st_mode), 0o600)
