"""The constant view alone, for bench/plain_settings.py."""

from django.urls import path

from constant_view import constant

urlpatterns = [path("bench/constant/", constant)]
