"""Request rates: per client address for anonymous requests, per user for signed-in ones."""

from __future__ import annotations

from rest_framework.throttling import UserRateThrottle


class SignedInRateThrottle(UserRateThrottle):
    """DRF's user throttle counts anonymous requests by address too; here they are left to the anon rate."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
