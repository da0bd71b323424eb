"""Django settings for cchc. Everything that varies comes from the environment (see README)."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cchc.common.env import database_from_url, env_bool, env_int, env_list, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CCHC_VAR_DIR", BASE_DIR / "var"))

CCHC_ENV = os.environ.get("CCHC_ENV", "development").strip().lower()
if CCHC_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(f"CCHC_ENV={CCHC_ENV!r} must be development, production or test.")
PRODUCTION = CCHC_ENV == "production"

SECRET_KEY = secret_key(VAR_DIR, PRODUCTION)
DEBUG = env_bool("DEBUG", default=False)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when CCHC_ENV=production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves the API docs (Swagger UI) from local static files, not a CDN
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "cchc.common",
    "cchc.org",
    "cchc.accounts",
    "cchc.workdays",
    "cchc.plans",
    "cchc.procedures",
    "cchc.dossiers",
    "cchc.notifications",
    "cchc.reports",
    "cchc.public",
    "cchc.portal",
    "cchc.eforms",
    "cchc.letters",
    "cchc.payments",
    "cchc.results",
    "cchc.queues",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cchc.common.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cchc.common.audit.AdminOnlyAuditlogMiddleware",
]

ROOT_URLCONF = "cchc.urls"
WSGI_APPLICATION = "cchc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cchc" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cchc.common.context.navigation",
            ],
        },
    }
]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL"), VAR_DIR / "cchc.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out after repeated failed logins: per username and per client address.
LOGIN_MAX_FAILURES = env_int("CCHC_LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_SECONDS = env_int("CCHC_LOGIN_LOCKOUT_SECONDS", 15 * 60)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "cchc" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns at start-up when it is missing
STATICFILES_DIRS = [BASE_DIR / "cchc" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without collectstatic (development, tests) whitenoise serves straight from the finders.
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 1025)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cchc@localhost")
# A local demo has no mail server: messages land as files in var/mail unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The province this installation serves: groups such as "các Sở, Ban, ngành" resolve under it.
CCHC_HOME_AGENCY = os.environ.get("CCHC_HOME_AGENCY", "TN.UBND")
CCHC_API_MAX_LIMIT = 1000
# Public address, for links in e-mails (reminders); relative links when unset.
CCHC_SITE_URL = os.environ.get("CCHC_SITE_URL", "")
CCHC_REPORT_PLACE = os.environ.get("CCHC_REPORT_PLACE", "Thái Nguyên")
# Largest decision file the plan importer accepts.
CCHC_PLAN_MAX_BYTES = env_int("CCHC_PLAN_MAX_BYTES", 20 * 1024 * 1024)
# Plan execution: evidence and spreadsheet size limits, and the "at risk" window in working days.
CCHC_EVIDENCE_MAX_BYTES = env_int("CCHC_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
CCHC_SHEET_MAX_BYTES = env_int("CCHC_SHEET_MAX_BYTES", 10 * 1024 * 1024)
CCHC_TASK_AT_RISK_DAYS = env_int("CCHC_TASK_AT_RISK_DAYS", 5)

# --- One-stop for citizens and counters (see README "Một cửa cho người dân và quầy tiếp nhận") ---
# The address citizens reach: QR codes on slips, links in e-mails and SMS.
CCHC_PUBLIC_BASE_URL = (os.environ.get("CCHC_PUBLIC_BASE_URL") or CCHC_SITE_URL or "http://127.0.0.1:8000").rstrip("/")
CCHC_NATIONAL_PORTAL_URL = os.environ.get("CCHC_NATIONAL_PORTAL_URL", "https://dichvucong.gov.vn")
# Public lookups per client address and minute; the header holding the client's address behind our own proxy.
CCHC_PUBLIC_LOOKUP_RATE = env_int("CCHC_PUBLIC_LOOKUP_RATE", 30)
CCHC_PUBLIC_CLIENT_IP_HEADER = os.environ.get("CCHC_PUBLIC_CLIENT_IP_HEADER", "")
# National-portal intake (docs/national-portal-intake.md): the shared HMAC secret; pushes are refused without it.
CCHC_DVCQG_SECRET = os.environ.get("CCHC_DVCQG_SECRET", "")
CCHC_DVCQG_TOLERANCE_SECONDS = env_int("CCHC_DVCQG_TOLERANCE_SECONDS", 300)
CCHC_DVCQG_MAX_BODY_BYTES = env_int("CCHC_DVCQG_MAX_BODY_BYTES", 30 * 1024 * 1024)
CCHC_DVCQG_MAX_FILE_BYTES = env_int("CCHC_DVCQG_MAX_FILE_BYTES", 10 * 1024 * 1024)
# E-forms: citizens submit directly only where the province allows it (off under the 2025 rules: DVCQG).
CCHC_EFORM_MAX_BYTES = env_int("CCHC_EFORM_MAX_BYTES", 10 * 1024 * 1024)
CCHC_EFORM_CITIZEN_SUBMISSION = env_bool("CCHC_EFORM_CITIZEN_SUBMISSION", False)
# Payments (docs/payment-gateway.md): the platform's address and shared secret.
CCHC_PAYMENT_GATEWAY_URL = os.environ.get("CCHC_PAYMENT_GATEWAY_URL", "")
CCHC_PAYMENT_SECRET = os.environ.get("CCHC_PAYMENT_SECRET", "")
CCHC_PAYMENT_TIMEOUT = env_int("CCHC_PAYMENT_TIMEOUT", 10)
# Citizen messages leave from a job every minute; on: also enqueued right after each dossier's commit.
CCHC_NOTIFY_ON_COMMIT = env_bool("CCHC_NOTIFY_ON_COMMIT", False)
# Returned dossiers are archived (T21) by a daily job this many days after their return.
CCHC_ARCHIVE_AFTER_DAYS = env_int("CCHC_ARCHIVE_AFTER_DAYS", 90)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
