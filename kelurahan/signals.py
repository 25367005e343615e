"""Signals of the area tables that bulk writes bypass the model signals of."""

from django.dispatch import Signal

# Sent after `areas_import` committed a change (bulk writes send no post_save): `sender=Village, result=`.
areas_imported = Signal()
