"""Fixtures of the staff-workspace tests: the two-region world and a client signed in as the region's staff."""

from __future__ import annotations

import pytest

from tests.world import World, build_world


@pytest.fixture
def world(areas) -> World:
    return build_world()


@pytest.fixture
def staff(client, world):
    client.force_login(world.users["regency_staff"])
    return client
