"""Cut each year's SSDA903 return from the simulated histories, as an LA would submit it.

Return N holds every child looked after at any time in the year with all their episodes that overlap it
(episodes that started earlier are re-sent); an episode still open on 31 March N is sent open (DEC, REC
and REASON_PLACE_CHANGE blank). Care leavers reach the return through OC3 and get a header row. Codes are
translated to those valid in year N, and values an LA corrected later are sent as first reported.
"""

from __future__ import annotations

from datetime import date

from flows.ssda903_spec import TABLES
from flows.synth.codes import CodeLists
from flows.synth.model import Child, Episode, Period, age_on, birthday, year_end, year_start
from flows.synth.outcomes import oc2_values, oc3_values
from flows.synth.rand import Stream

Rows = dict[str, list[list[str]]]


class DateText:
    """DD/MM/YYYY for day ordinals, cached: the same few thousand days are written many times."""

    def __init__(self) -> None:
        self._cache: dict[int, str] = {}

    def __call__(self, day: int | None) -> str:
        if day is None:
            return ""
        text = self._cache.get(day)
        if text is None:
            text = self._cache[day] = date.fromordinal(day).strftime("%d/%m/%Y")
        return text


class ReturnCutter:
    """Writes the rows of every table of one collection year's return."""

    def __init__(self, codes: CodeLists, year: int, stream: Stream, fmt: DateText) -> None:
        self.codes, self.year, self.stream, self.fmt = codes, year, stream, fmt
        self.start, self.end = year_start(year), year_end(year)

    def cut(self, children: list[Child]) -> Rows:
        """Rows per table, in child-id order; `children` must already be in that order."""
        rows: Rows = {name: [] for name, table in TABLES.items() if table.exists_in(self.year)}
        for child in children:
            episodes = [e for e in child.episodes if e.decom <= self.end and e.dec >= self.start]
            leaver_rows = self._oc3(child)
            if not episodes and not leaver_rows:
                continue
            dob = self.fmt(child.dob)
            rows["header"].append(self._header(child, dob))
            rows["oc3"].extend([child.child_id, dob, *values] for values in leaver_rows)
            if not episodes:
                continue
            rows["episodes"].extend(self._episode(child.child_id, e) for e in episodes)
            if child.uasc:
                duc = birthday(child.dob, 18)
                sex = self.codes.resolve("SEX", child.sex, self.year, child.sex_pick)
                rows["uasc"].append([child.child_id, sex, dob, self.fmt(duc) if duc <= self.end else ""])
            rows["reviews"].extend(
                [child.child_id, dob, self.fmt(day), code]
                for day, code in child.reviews
                if self.start <= day <= self.end
            )
            rows["missing"].extend(
                [child.child_id, dob, kind, self.fmt(begin), self._until(finish)]
                for kind, begin, finish in child.missing
                if begin <= self.end and finish >= self.start
            )
            if "sw_episodes" in rows:
                rows["sw_episodes"].extend(
                    [child.child_id, dob, worker, self.fmt(begin), self._until(finish), reason]
                    for worker, begin, finish, reason in child.social_workers
                    if begin <= self.end and finish >= self.start
                )
            if "dolo" in rows:
                rows["dolo"].extend(
                    [child.child_id, dob, self.fmt(begin), self._until(finish)]
                    for begin, finish in child.dolo
                    if begin <= self.end and finish >= self.start
                )
            self._period_tables(child, dob, rows)
        return rows

    def _until(self, day: int) -> str:
        return self.fmt(day) if day <= self.end else ""

    def _header(self, child: Child, dob: str) -> list[str]:
        sex = self.codes.resolve("SEX", child.sex, self.year, child.sex_pick)
        mother = mc_dob = ""
        if child.sex == "F" and age_on(child.dob, self.end) >= 12:
            is_mother = child.baby_dob is not None and child.baby_dob <= self.end
            mother, mc_dob = ("1", self.fmt(child.baby_dob)) if is_mother else ("0", "")
        return [child.child_id, sex, dob, child.ethnic, child.upn, mother, mc_dob]

    def _episode(self, child_id: str, e: Episode) -> list[str]:
        closed = e.dec <= self.end
        values = {
            "DECOM": self.fmt(e.decom),
            "RNE": e.rne,
            "LS": e.ls,
            "CIN": e.cin,
            "PLACE": self.codes.resolve("PLACE", e.place, self.year, e.pick),
            "PLACE_PROVIDER": e.provider,
            "DEC": self.fmt(e.dec) if closed else "",
            "REC": self.codes.resolve("REC", e.rec, self.year) if closed else "",
            "REASON_PLACE_CHANGE": self.codes.resolve("REASON_PLACE_CHANGE", e.reason_change, self.year)
            if closed
            else "",
            "HOME_POST": e.home_post,
            "PL_POST": e.pl_post,
            "URN": e.urn,
        }
        if e.reported and self.year in e.reported:
            values.update(e.reported[self.year])
        return [child_id, *values.values()]

    def _period_tables(self, child: Child, dob: str, rows: Rows) -> None:
        """OC2, AD1, placed_adoption and prev_perm: records tied to a period of care."""
        started_here = False
        for period in child.periods:
            if period.short_breaks or period.start > self.end or period.end < self.start:
                continue
            if self.start <= period.start and not started_here:
                started_here = True
                rows["prev_perm"].append([child.child_id, dob, *period.prev_perm])
            if period.start <= self.start and period.end > self.end:
                age = age_on(child.dob, self.end)
                age_at_start = age_on(child.dob, self.start)
                values = oc2_values(self.stream, self.year, age, age_at_start, child.sdq_latent)
                rows["oc2"].append([child.child_id, dob, *values])
            self._adoption(child, dob, period, rows)

    def _adoption(self, child: Child, dob: str, period: Period, rows: Rows) -> None:
        adoption = period.adoption
        if adoption is None or adoption.decision > self.end:
            return
        reversed_on = adoption.reversed_on
        if reversed_on is None or reversed_on >= self.start:
            ceased = reversed_on is not None and reversed_on <= self.end
            rows["placed_adoption"].append(
                [
                    child.child_id,
                    dob,
                    self.fmt(adoption.decision),
                    self.fmt(reversed_on) if ceased else "",
                    adoption.reversal_reason if ceased else "",
                ]
            )
        if period.rec in ("E11", "E12") and self.start <= period.end <= self.end:
            rows["ad1"].append(
                [
                    child.child_id,
                    dob,
                    self.fmt(adoption.decision),
                    self.fmt(adoption.match),
                    "1" if adoption.foster_carer else "0",
                    str(adoption.adopters),
                    adoption.sex_adopters,
                    adoption.ls_adopters,
                ]
            )

    def _oc3(self, child: Child) -> list[list[str]]:
        """Care leavers whose 17th to 21st birthday falls in the year, out of care on the day."""
        if child.leaving is None or child.dob > self.end - 17 * 365 or child.dob < self.start - 22 * 366:
            return []
        last_day, last_rec = child.leaving
        out: list[list[str]] = []
        for age in range(17, 22):
            day = birthday(child.dob, age)
            if self.start <= day <= self.end and day >= last_day:
                out.append(oc3_values(self.stream, self.codes, self.year, age, child.leaver_latent, last_rec))
        return out
