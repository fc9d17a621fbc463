"""The product's URLs plus the tokens page under /<org>/, for tests until the root URLconf
includes ``koers.api.org_urls`` (then this file can go)."""

from django.urls import include, path

from koers.urls import urlpatterns as product

urlpatterns = [path("<slug:org>/", include("koers.api.org_urls")), *product]
