import pytest

from eventatlas.geo.gazetteer import Gazetteer
from tests.geo.gazetteer_fixtures import real_gazetteer_path, tiny_gazetteer_path


@pytest.fixture(scope="session")
def tiny_gazetteer() -> Gazetteer:
    return Gazetteer(tiny_gazetteer_path())


@pytest.fixture(scope="session")
def real_gazetteer() -> Gazetteer:
    return Gazetteer.default(real_gazetteer_path())
