"""Deprivation of Liberty Orders (the DoLo table, in returns from 2026-27).

A court authorises depriving a child of their liberty outside secure accommodation; in the looked-after
population this is mostly older children in children's homes, which is what DfE's rule 709 expects
(placement K2, Z12 or Z13 while the order runs). The generator gives some children aged 12 or more a
single order during a children's home episode, starting a few weeks in and ending with the episode at
the latest. Only orders overlapping a return's year reach it, so returns before 2026-27 carry none.
"""

from __future__ import annotations

from flows.synth.model import Child, birthday
from flows.synth.rand import Stream

RESIDENTIAL = frozenset({"K2"})  # the simulation's children's homes (Z1's successors are not simulated)
MIN_AGE = 12
SHARE_OF_EPISODES = 0.1  # children's home episodes of a child aged 12+ with an order
FIRST_DAYS = 90  # the order starts within this many days of the episode's start
LENGTH_DAYS = (60, 540)
MIN_EPISODE_DAYS = 28  # an order ends after it starts: none in a shorter stay


def add_deprivation_of_liberty_orders(children: list[Child], stream: Stream) -> None:
    """Fill ``Child.dolo``; uses its own stream, so the other tables are the same with or without it."""
    for child in children:
        twelfth = birthday(child.dob, MIN_AGE)
        for episode in child.episodes:
            length = episode.dec - episode.decom
            if episode.place not in RESIDENTIAL or episode.decom < twelfth or length < MIN_EPISODE_DAYS:
                continue
            if not stream.chance(SHARE_OF_EPISODES):
                continue
            start = episode.decom + stream.randint(0, min(FIRST_DAYS, length // 2))
            end = min(start + stream.randint(*LENGTH_DAYS), episode.dec)
            child.dolo.append((start, end))
