"""The random-legal agent's statesman: his political answers come from his seed, the decision and how often it was
offered, so two games from one seed that part ways on the map still meet the same statesman (issue 8's pairs)."""

from game.ai.random_agent import RandomAgent


def test_a_decisions_first_offer_is_answered_alike_whatever_the_turn_it_comes_on():
    early, late = RandomAgent(7), RandomAgent(7)
    # One game offers the atomic threat from turn 2, the other from turn 4 (China entered a turn later there):
    # the first offer, the second and the third are answered alike in both.
    assert [early._political_roll("atomic_threat") for _ in range(3)] == \
        [late._political_roll("atomic_threat") for _ in range(3)]
    # Another decision offered in between does not shift them; another seed answers otherwise.
    a, b = RandomAgent(7), RandomAgent(7)
    b._political_roll("blockade")
    assert a._political_roll("atomic_threat") == b._political_roll("atomic_threat")
    assert RandomAgent(8)._political_roll("atomic_threat") != RandomAgent(7)._political_roll("atomic_threat")


def test_the_offers_counted_are_kept_with_the_game():
    a = RandomAgent(7)
    a._political_roll("atomic_threat")
    b = RandomAgent(7)
    b.restore(a.memory())
    assert b._political_roll("atomic_threat") == a._political_roll("atomic_threat")
    assert b._political_roll("atomic_threat") != RandomAgent(7)._political_roll("atomic_threat")
