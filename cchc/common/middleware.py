"""Vietnamese first: the interface language is the person's explicit choice, else Vietnamese.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a civil servant with an
English-language browser would get a half-translated interface they never asked for.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
