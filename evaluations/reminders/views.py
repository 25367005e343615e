"""In-app notifications: the signed-in person's reminders, newest first, with unread ones marked."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .selectors import notifications_for, unread_count

PAGE_SIZE = 30


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluations/reminders/notifications.html",
        {"page": page, "unread": unread_count(request.user)},
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and follow its link (or return to the list)."""
    notification = notifications_for(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    if notification.read_at is None:
        notifications_for(request.user).filter(pk=pk, read_at__isnull=True).update(read_at=timezone.now())
    target = notification.link if request.POST.get("open") else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("reminders:list")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    notifications_for(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("reminders:list")
