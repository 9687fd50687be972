"""Continuous-time simulation of children's care histories in one LA.

Children enter care from a burn-in date well before the first collection year, so long stays exist when
the first return is cut. Each period of care is planned from the child's age and a planned way out
(return home, special guardianship, adoption, staying to 18, ...); placements, legal-status changes and
temporary placements are laid on the period's timeline and merged into SSDA903 episodes. Reviews, missing
incidents, social-worker episodes and adoption milestones hang off the same timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from flows.synth import calibration as cal
from flows.synth.identifiers import AWAY_OUTWARD, HOME_OUTWARD, ofsted_urn, postcode, social_worker_ids
from flows.synth.model import Adoption, Child, Episode, Period, age_on, birthday, year_end, year_start
from flows.synth.rand import Categorical, Stream
from flows.synth.reference import old_la_codes

SUPPORTED_REGISTRATION = date(2023, 10, 28).toordinal()  # supported accommodation needs a URN from here
_SW_REASON_REQUIRED = date(2023, 4, 1).toordinal()  # rule SW13STG1
_PROVIDER_BY_PLACE = {
    "K1": Categorical({"PR1": 0.5, "PR2": 0.5}),
    "R1": Categorical({"PR4": 1}),
    "R2": Categorical({"PR3": 1}),
    "R3": Categorical({"PR4": 0.7, "PR1": 0.3}),
    "R5": Categorical({"PR3": 1}),
    "S1": Categorical({"PR4": 0.6, "PR1": 0.4}),
    "P3": Categorical({"PR4": 1}),
}
_URN_EXEMPT = frozenset({"P1", "P2", "P3", "R1", "R2", "R5", "Z1", "T0", "T1", "T2", "T3", "T4"})


@dataclass(frozen=True)
class SimSettings:
    """What to simulate: the LA, the time window and how many children enter each year."""

    la_code: str
    start: int  # first day of the burn-in
    horizon: int  # 31 March of the last collection year
    first_entries: dict[int, float]  # per collection year, already scaled
    uasc_entries: dict[int, float]
    short_break_starts: float  # per year, already scaled
    size: float


@dataclass(slots=True)
class _Placement:
    start: int
    setting: str  # foster, kinship, home, supported, parents, adoption, other
    place: str
    provider: str
    urn: str
    pl_post: str
    carer: int


@dataclass(slots=True)
class _Temp:
    start: int
    end: int
    place: str
    pl_post: str


def _entry_band(age: int) -> str:
    if age < 1:
        return "0"
    if age < 5:
        return "1-4"
    if age < 10:
        return "5-9"
    return "10-15" if age < 16 else "16-17"


def _age_band(age: int) -> str:
    if age < 10:
        return "0-9"
    return "10-15" if age < 16 else "16-17"


def simulate(settings: SimSettings, stream: Stream) -> list[Child]:
    """Every child who enters care (or starts short breaks) in the window, with their history."""
    return _Simulator(settings, stream).run()


class _Simulator:
    """Holds the random stream, the LA's provider pools and the children made so far."""

    def __init__(self, settings: SimSettings, stream: Stream) -> None:
        self.s = stream
        self.settings = settings
        scale = max(settings.size, 0.05)
        self.carers = 0
        self.la_fostering_urn = ofsted_urn(stream)
        self.ifa_urns = [ofsted_urn(stream) for _ in range(max(4, round(8 * scale**0.5)))]
        self.home_urns = [ofsted_urn(stream) for _ in range(max(8, round(40 * scale**0.7)))]
        self.supported_urns = [ofsted_urn(stream) for _ in range(max(5, round(20 * scale**0.7)))]
        self.secure_urns = [ofsted_urn(stream) for _ in range(4)]
        self.adoption_urns = [ofsted_urn(stream) for _ in range(4)]
        self.other_urns = [ofsted_urn(stream) for _ in range(max(6, round(15 * scale**0.5)))]
        self.social_workers = social_worker_ids(stream, max(12, round(90 * scale)))
        self.other_las = [code for code in old_la_codes() if code != settings.la_code]
        self.children: list[Child] = []

    # --- helpers -----------------------------------------------------------------------------------
    def _pick(self, items: list[str]) -> str:
        return items[self.s.randint(0, len(items) - 1)]

    def _days(self, median_sigma: tuple[float, float]) -> int:
        return max(1, round(self.s.lognormal(*median_sigma)))

    def _urn(self, pool: list[str]) -> str:
        return "XXXXXXX" if self.s.chance(cal.URN_UNKNOWN) else self._pick(pool)

    # --- children ------------------------------------------------------------------------------------
    def run(self) -> list[Child]:
        st = self.settings
        first_year = date.fromordinal(st.start).year + 1
        last_year = date.fromordinal(st.horizon).year
        for year in range(first_year, last_year + 1):
            lo, hi = max(year_start(year), st.start), year_end(year)
            for _ in range(round(st.first_entries[year])):
                self._enter(lo + self.s.randint(0, hi - lo), uasc=False)
            for _ in range(round(st.uasc_entries[year])):
                self._enter(lo + self.s.randint(0, hi - lo), uasc=True)
            for _ in range(round(st.short_break_starts)):
                self._short_breaks(lo + self.s.randint(0, hi - lo))
        return self.children

    def _new_child(self, entry: int, age_days: int, uasc: bool, short_breaks: bool) -> Child:
        s = self.s
        male = cal.UASC_MALE_SHARE if uasc else cal.MALE_SHARE
        sex = "M" if s.chance(male) else ("U" if s.chance(cal.SEX_UNKNOWN_SHARE) else "F")
        if uasc:
            home = "" if s.chance(0.6) else postcode(s, HOME_OUTWARD)
        else:
            home = postcode(s, HOME_OUTWARD if s.chance(0.92) else AWAY_OUTWARD)
        child = Child(
            index=len(self.children),
            dob=entry - age_days,
            sex=sex,
            sex_pick=s.randint(0, 1),
            ethnic=s.choice(cal.UASC_ETHNICITY if uasc else cal.ETHNICITY),
            uasc=uasc,
            short_breaks=short_breaks,
            sdq_latent=s.normal(),
            leaver_latent=s.normal(),
            home_post=home,
        )
        self.children.append(child)
        return child

    def _enter(self, entry: int, uasc: bool) -> None:
        s = self.s
        if uasc:
            years = int(s.choice(cal.UASC_ENTRY_AGE)) + s.u() * 0.85
            age_days = int(years * 365.25)
        else:
            band = s.choice(cal.ENTRY_AGE_BAND)
            if band == "0":
                age_days = s.randint(0, 6) if s.chance(cal.NEWBORN_SHARE_OF_UNDER_1) else s.randint(7, 364)
            else:
                low, high = (int(x) for x in band.split("-"))
                age_days = int((low + s.u() * (high + 0.9 - low)) * 365.25)
        child = self._new_child(entry, age_days, uasc, short_breaks=False)
        start, prev_perm = entry, self._prev_perm(child, entry)
        while start <= self.settings.horizon:
            period = self._period(child, start, prev_perm)
            if period is None:
                break
            child.periods.append(period)
            key = {"E4A": "home", "E4B": "home", "E13": "nonpr", "E41": "cao", "E8": "other"}.get(period.rec)
            if key is None or not s.chance(cal.REENTRY_AFTER[key]):
                break
            start = period.end + 14 + self._days(cal.REENTRY_GAP)
            if start >= birthday(child.dob, 17) + 180:
                break
            if period.rec == "E41":  # back after a child arrangements order made here
                prev_perm = ("P3", self.settings.la_code, _fmt_date(period.end))
            else:
                prev_perm = self._prev_perm(child, start)
        child.leaving = _leaving(child)

    def _prev_perm(self, child: Child, start: int) -> tuple[str, str, str]:
        s = self.s
        code = s.choice(cal.PREV_PERM)
        if code in ("Z1", "P4"):
            return code, "", ""
        earliest, latest = child.dob + 180, start - 60
        if latest <= earliest:
            return "Z1", "", ""
        when = date.fromordinal(earliest + s.randint(0, latest - earliest))
        la = (
            self.settings.la_code
            if s.chance(0.6)
            else (self._pick(self.other_las) if s.chance(0.9) else self._pick(["WAL", "SCO", "NIR", "NUK"]))
        )
        precision = s.u()
        if precision < 0.8:
            written = when.strftime("%d/%m/%Y")
        elif precision < 0.9:
            written = f"ZZ/{when.month:02d}/{when.year}"
        else:
            written = f"ZZ/ZZ/{when.year}"
        return code, la, written

    # --- one period of care --------------------------------------------------------------------------
    def _period(self, child: Child, start: int, prev_perm: tuple[str, str, str]) -> Period | None:
        s = self.s
        b18 = birthday(child.dob, 18)
        if start >= b18 - 14:
            return None
        age = age_on(child.dob, start)
        outcome = "long" if child.uasc else s.choice(cal.OUTCOME_BY_AGE[_entry_band(age)])
        adoption: Adoption | None = None
        if outcome == "adopt":
            adoption, end = self._plan_adoption(start)
            if adoption.reversed_on is not None:
                outcome = "sgo" if s.chance(0.5) else "long"
                end = adoption.reversed_on + self._days(cal.DURATION["sgo"]) if outcome == "sgo" else b18
        else:
            end = self._planned_end(start, b18, outcome)
        if outcome == "long" and adoption is None and not child.uasc and s.chance(cal.LONG_EARLY_EXIT):
            outcome = s.choice(Categorical({"sgo": 0.4, "cao": 0.2, "home": 0.4}))
            end = start + 365 + s.randint(0, max(0, b18 - start - 400))
        early_rec = ""
        if child.uasc:
            early_rec = s.choice(cal.UASC_EARLY_END)
            if early_rec != "none":
                end = start + 30 + s.randint(0, max(0, b18 - start - 60))
        if end >= b18:
            end, outcome = b18, "long"
        end = max(end, start + 1)

        legal = self._legal_path(child, start, end, outcome, adoption)
        placements = self._placements(child, start, end, outcome, legal, adoption)
        temps = self._temporary_placements(placements, end)
        legal = _settle_legal_changes(legal, placements, temps, end, s)
        rec = self._rec(outcome, placements[-1], early_rec)
        cin = "N8" if child.uasc else s.choice(cal.CIN_CATEGORY)
        home = child.home_post
        episodes = self._episodes(end, rec, cin, home, legal, placements, temps, age)
        child.episodes.extend(episodes)
        period = Period(start=start, end=end, rec=rec, prev_perm=prev_perm, adoption=adoption)
        self._reviews(child, start, end)
        self._missing(child, start, end, placements)
        self._social_workers(child, start, end)
        if child.sex == "F" and child.baby_dob is None and s.chance(cal.MOTHER_WHILE_IN_CARE):
            b14 = max(birthday(child.dob, 14), start)
            if b14 < end:
                child.baby_dob = b14 + s.randint(0, end - b14)
        return period

    def _planned_end(self, start: int, b18: int, outcome: str) -> int:
        s = self.s
        if outcome == "long":
            return b18
        if outcome == "home":
            shape = cal.HOME_SHORT if s.chance(cal.HOME_SHORT_SHARE) else cal.HOME_LONG
            return start + self._days(shape)
        return start + self._days(cal.DURATION[outcome])

    def _plan_adoption(self, start: int) -> tuple[Adoption, int]:
        s = self.s
        decision = start + 30 + self._days(cal.ENTRY_TO_DECISION)
        adoption = Adoption(decision=decision)
        if s.chance(cal.DECISION_REVERSED):
            adoption.reversal_reason = s.choice(cal.REVERSAL_REASON)
            adoption.reversed_on = decision + s.randint(60, 400)
            return adoption, adoption.reversed_on
        order = decision + s.randint(*cal.DECISION_TO_ORDER)
        adoption.match = order + self._days(cal.ORDER_TO_MATCH)
        adoption.placed = adoption.match + s.randint(*cal.MATCH_TO_PLACED)
        adoption.foster_carer = s.chance(cal.ADOPTED_BY_FOSTER_CARER)
        if s.chance(cal.NB_ADOPTERS_TWO):
            adoption.adopters = 2
            adoption.sex_adopters = s.choice(cal.SEX_ADOPTR_COUPLE)
            mixed = adoption.sex_adopters == "MF"
            adoption.ls_adopters = s.choice(cal.LS_ADOPTR_MIXED if mixed else cal.LS_ADOPTR_SAME)
        else:
            adoption.adopters, adoption.sex_adopters, adoption.ls_adopters = (
                1,
                s.choice(cal.SEX_ADOPTR_SINGLE),
                "L0",
            )
        end = adoption.placed + max(70, self._days(cal.PLACED_TO_ADOPTED))
        return adoption, end

    def _legal_path(
        self, child: Child, start: int, end: int, outcome: str, adoption: Adoption | None
    ) -> list[tuple[int, str]]:
        """(date, LS) changes in order, the first at the period start."""
        s = self.s
        by_consent = (
            adoption is not None and adoption.placed is not None and s.chance(cal.ADOPTION_BY_CONSENT)
        )
        if child.uasc or by_consent:
            first = "V2"
        elif outcome == "remand":
            first = "J1"
        else:
            kind = {"home": "home", "adopt": "adopt", "sgo": "court", "cao": "court", "long": "court"}.get(
                outcome, "other"
            )
            first = s.choice(cal.INITIAL_LS[kind])
        legal = [(start, first)]
        t, ls = start, first
        if ls in ("L1", "L2", "J2"):
            t += {"L1": s.randint(1, 3), "L2": s.randint(2, 8), "J2": 1}[ls]
            ls = "C1" if outcome in ("adopt", "sgo", "cao", "long") or s.chance(0.3) else "V2"
            if t < end:
                legal.append((t, ls))
        wants_order = outcome in ("adopt", "sgo", "cao") or (
            outcome == "long" and s.chance(cal.V2_TO_CARE_ORDER)
        )
        if ls == "V2" and not child.uasc and not by_consent and wants_order and end - t > 120:
            t += s.randint(14, min(240, end - t - 30))
            ls = "C1"
            legal.append((t, ls))
        if ls == "C1":
            full = t + self._days(cal.CARE_PROCEEDINGS)
            if adoption is not None and adoption.placed is not None:
                order = adoption.decision + s.randint(*cal.DECISION_TO_ORDER)
                order = min(max(order, t + 30), adoption.match or order)
                if order < end and not by_consent:
                    legal.append((order, "E1"))
            elif full < end - 30 and (outcome in ("long", "home") or s.chance(0.4)):
                legal.append((full, "C2"))
        changes: list[tuple[int, str]] = []
        for d, ls in sorted(legal):  # one change a day, inside the period
            if start <= d < end and (not changes or d > changes[-1][0]):
                changes.append((d, ls))
        return changes

    def _new_placement(self, t: int, setting: str, pl_post: str | None = None) -> _Placement:
        s = self.s
        self.carers += 1
        in_area = {"foster": 0.8, "kinship": 0.85, "home": 0.5, "supported": 0.65, "adoption": 0.4}.get(
            setting, 0.4
        )
        post = pl_post or postcode(s, HOME_OUTWARD if s.chance(in_area) else AWAY_OUTWARD)
        if setting in ("foster", "kinship"):
            place = "U3" if setting == "kinship" else ("U5" if s.chance(0.05) else "U6")
            provider = "PR1" if setting == "kinship" else s.choice(cal.FOSTER_PROVIDER)
            urn = self._urn([self.la_fostering_urn]) if provider == "PR1" else self._urn(self.ifa_urns)
        elif setting == "home":
            place, provider, urn = "K2", s.choice(cal.HOME_PROVIDER), self._urn(self.home_urns)
        elif setting == "supported":
            place, provider = s.choice(cal.SUPPORTED_PLACE), s.choice(cal.SUPPORTED_PROVIDER)
            urn = self._urn(self.supported_urns)  # cleared below when the placement ends before registration
        elif setting == "parents":
            place, provider, urn = "P1", "PR0", ""
        else:
            place = s.choice(cal.OTHER_PLACE)
            provider = "" if place == "Z1" else s.choice(_PROVIDER_BY_PLACE[place])
            urn = (
                ""
                if place in _URN_EXEMPT
                else self._urn(self.secure_urns if place == "K1" else self.other_urns)
            )
        return _Placement(t, setting, place, provider, urn, post, self.carers)

    def _placements(
        self,
        child: Child,
        start: int,
        end: int,
        outcome: str,
        legal: list[tuple[int, str]],
        adoption: Adoption | None,
    ) -> list[_Placement]:
        s = self.s
        b16 = birthday(child.dob, 16)
        placements: list[_Placement] = []
        t, first = start, True
        kinship_share = cal.KINSHIP_SHARE_SGO if outcome == "sgo" else cal.KINSHIP_SHARE
        instability = s.lognormal(*cal.PLACEMENT_INSTABILITY)
        while t < end:
            band = _age_band(age_on(child.dob, t))
            if child.uasc:
                setting = (
                    s.choice(Categorical({"supported": 0.5, "foster": 0.35, "home": 0.15}))
                    if (band == "16-17")
                    else s.choice(Categorical({"foster": 0.65, "home": 0.35}))
                )
            else:
                setting = s.choice(cal.SETTING_BY_AGE[band])
            ls_now = _ls_at(legal, t)
            if setting == "parents" and ls_now not in ("C1", "C2"):
                setting = "foster"
            if setting == "foster" and s.chance(kinship_share):
                setting = "kinship"
            placements.append(self._new_placement(t, setting))
            if first and s.chance(cal.FIRST_PLACEMENT_BRIDGING):
                length = self._days(cal.BRIDGING)
            else:
                mean = cal.PLACEMENT_MEAN_DAYS.get((setting, band), 900) / instability
                length = 1 + round(s.exponential(mean))
            nxt = t + length
            if t < b16 < nxt and setting in ("foster", "home") and s.chance(cal.MOVE_TO_SUPPORTED_AT_16):
                nxt = b16 + s.randint(0, 120)
            t, first = nxt, False
        for day, _ in legal[1:]:
            if s.chance(cal.MOVE_WITH_LEGAL_CHANGE) and all(abs(p.start - day) > 14 for p in placements):
                band = _age_band(age_on(child.dob, day))
                setting = "foster" if band == "0-9" or s.chance(0.6) else "home"
                placements.append(self._new_placement(day, setting))
                placements.sort(key=lambda p: p.start)
        if adoption is not None and adoption.placed is not None and adoption.placed < end:
            placements = self._place_for_adoption(placements, adoption, legal)
        if outcome == "home" and end - start > 200 and s.chance(cal.PLACED_WITH_PARENTS_BEFORE_HOME):
            at = end - min(self._days((120, 0.5)), end - start - 60)
            if _ls_at(legal, at) in ("C1", "C2") and at > placements[0].start:
                placements = [p for p in placements if p.start < at]
                placements.append(self._new_placement(at, "parents", child.home_post or None))
        self._long_term_conversions(placements, end, [day for day, _ in legal[1:]])
        for p in placements:
            if p.setting == "supported" and _placement_end(placements, p, end) < SUPPORTED_REGISTRATION:
                p.urn = ""
        return placements

    def _place_for_adoption(
        self, placements: list[_Placement], adoption: Adoption, legal: list[tuple[int, str]]
    ) -> list[_Placement]:
        s = self.s
        placed = adoption.placed
        assert placed is not None
        kept = [p for p in placements if p.start < placed]
        carer_before = kept[-1]
        consent = _ls_at(legal, placed) != "E1"
        if adoption.foster_carer and carer_before.setting in ("foster", "kinship"):
            place, carer, post = ("A3" if consent else "A5"), carer_before.carer, carer_before.pl_post
        else:
            adoption.foster_carer = False
            self.carers += 1
            place, carer = ("A4" if consent else "A6"), self.carers
            post = postcode(s, HOME_OUTWARD if s.chance(0.4) else AWAY_OUTWARD)
        provider = "PR1" if s.chance(0.8) else "PR5"
        kept.append(
            _Placement(placed, "adoption", place, provider, self._urn(self.adoption_urns), post, carer)
        )
        return kept

    def _long_term_conversions(self, placements: list[_Placement], end: int, legal_days: list[int]) -> None:
        """Foster placements that become long-term with the same carer (U6 -> U4, U3 -> U1): RNE T, or U
        when it comes with the final care order."""
        s = self.s
        converted: list[_Placement] = []
        for i, p in enumerate(placements):
            p_end = placements[i + 1].start if i + 1 < len(placements) else end
            if (
                p.place in ("U6", "U3")
                and p_end - p.start > 400
                and s.chance(cal.LONG_TERM_FOSTER_CONVERSION)
            ):
                at = p.start + s.randint(180, min(540, p_end - p.start - 60))
                with_order = [d for d in legal_days if p.start + 180 <= d <= p_end - 60]
                if with_order and s.chance(0.5):
                    at = with_order[0]
                converted.append(
                    _Placement(
                        at,
                        p.setting,
                        "U4" if p.place == "U6" else "U1",
                        p.provider,
                        p.urn,
                        p.pl_post,
                        p.carer,
                    )
                )
        placements.extend(converted)
        placements.sort(key=lambda p: p.start)

    def _temporary_placements(self, placements: list[_Placement], end: int) -> list[_Temp]:
        s = self.s
        temps: list[_Temp] = []
        last_t3 = -(10**9)
        for p in placements:
            rate = cal.TEMPS_PER_YEAR.get(p.setting)
            p_end = _placement_end(placements, p, end)
            if rate is None or p_end - p.start < 45:
                continue
            for _ in range(s.poisson(rate * (p_end - p.start) / 365.25)):
                kind = s.choice(cal.TEMP_KIND[p.setting])
                days = s.randint(*cal.TEMP_DAYS[kind])
                lo, hi = p.start + 10, p_end - 10 - days
                if hi <= lo:
                    continue
                a = lo + s.randint(0, hi - lo)
                if kind == "T3" and a - last_t3 < 366:
                    continue
                if any(a <= t.end + 2 and t.start <= a + days + 2 for t in temps):
                    continue
                if kind == "T3":
                    last_t3 = a
                post = postcode(s, HOME_OUTWARD if s.chance(0.7) else AWAY_OUTWARD)
                temps.append(_Temp(a, a + days, kind, post))
        temps.sort(key=lambda t: t.start)
        return temps

    def _rec(self, outcome: str, last: _Placement, early_rec: str) -> str:
        s = self.s
        if early_rec and early_rec != "none":
            return early_rec
        if outcome == "adopt":
            return s.choice(cal.REC_ADOPTED)
        if outcome == "home":
            return s.choice(cal.REC_HOME)
        if outcome == "sgo":
            if last.setting == "kinship":
                return "E45"
            if last.setting == "foster" and s.chance(0.6):
                return "E46"
            return "E47" if s.chance(0.75) else "E48"
        if outcome == "long":
            setting = {"kinship": "foster", "foster": "foster", "home": "home", "supported": "supported"}.get(
                last.setting, "other"
            )
            return s.choice(cal.REC_AGE18_BY_SETTING[setting])
        fixed = {"cao": "E41", "nonpr": "E13", "custody": "E9", "remand": "E14"}
        return fixed.get(outcome) or s.choice(cal.REC_OTHER)

    def _episodes(
        self,
        end: int,
        rec: str,
        cin: str,
        home: str,
        legal: list[tuple[int, str]],
        placements: list[_Placement],
        temps: list[_Temp],
        age: int,
    ) -> list[Episode]:
        s = self.s
        dates = sorted(
            {p.start for p in placements}
            | {d for d, _ in legal}
            | {t.start for t in temps}
            | {t.end for t in temps if t.end < end}
        )
        episodes: list[Episode] = []
        prev_carer: tuple[str, int] | None = None
        prev_place_id, prev_ls = -1, ""
        p_i, l_i, t_i = 0, 0, 0
        for d in dates:
            while p_i + 1 < len(placements) and placements[p_i + 1].start <= d:
                p_i += 1
            while l_i + 1 < len(legal) and legal[l_i + 1][0] <= d:
                l_i += 1
            while t_i < len(temps) and temps[t_i].end <= d:
                t_i += 1
            temp = temps[t_i] if t_i < len(temps) and temps[t_i].start <= d else None
            p, ls = placements[p_i], legal[l_i][1]
            carer = ("T", t_i) if temp else ("C", p.carer)
            place_id = -1 - t_i if temp else p_i
            if not episodes:
                rne = "S"
            elif carer != prev_carer:
                rne = "B" if ls != prev_ls else "P"
            elif place_id != prev_place_id:
                rne = "U" if ls != prev_ls else "T"
            elif ls != prev_ls:
                rne = "L"
            else:
                continue
            if temp:
                episode = Episode(d, 0, rne, ls, cin, temp.place, "", "", "", home, temp.pl_post, "", 0)
            else:
                episode = Episode(
                    d, 0, rne, ls, cin, p.place, p.provider, "", "", home, p.pl_post, p.urn, s.randint(0, 3)
                )
            episodes.append(episode)
            prev_carer, prev_place_id, prev_ls = carer, place_id, ls
        for current, following in pairwise(episodes):
            current.dec, current.rec = following.decom, "X1"
            temporary = current.place[0] == "T" or following.place[0] == "T"
            if temporary or following.rne == "L":
                continue
            if following.rne in ("T", "U"):
                current.reason_change = s.choice(cal.SAME_CARER_CHANGE_REASON)
            else:
                reason = s.choice(cal.PLACE_CHANGE_REASON)
                current.reason_change = "OTHER" if reason == "CUSTOD" and age < 10 else reason
        episodes[-1].dec, episodes[-1].rec = end, rec
        return episodes

    # --- records hanging off a period ----------------------------------------------------------------
    def _reviews(self, child: Child, start: int, end: int) -> None:
        s = self.s
        due, gap = start + 28, 91
        while True:
            late = s.chance(cal.REVIEW_LATE)
            when = due + s.randint(1, 30) if late else due - s.randint(0, 25)
            if when >= end:
                return
            code = "PN0" if age_on(child.dob, when) < 4 else s.choice(cal.REVIEW_CODE)
            child.reviews.append((when, code))
            due, gap = when + gap, 182

    def _missing(self, child: Child, start: int, end: int, placements: list[_Placement]) -> None:
        s = self.s
        from_day = max(start, birthday(child.dob, 11))
        if from_day >= end:
            return
        prone = cal.MISSING_PRONE.get(placements[0].setting, cal.MISSING_PRONE_DEFAULT)
        if not s.chance(prone):
            return
        rate = s.lognormal(*cal.MISSING_PER_YEAR)
        taken = {m[1] for m in child.missing}
        for _ in range(s.poisson(rate * (end - from_day) / 365.25)):
            begin = from_day + s.randint(0, end - from_day - 1)
            if begin in taken:
                continue
            u = s.u()
            length = 0 if u < 0.6 else (s.randint(1, 2) if u < 0.9 else s.randint(3, 14))
            taken.add(begin)
            child.missing.append((s.choice(cal.MISSING_KIND), begin, min(begin + length, end)))
        child.missing.sort(key=lambda m: m[1])

    def _social_workers(self, child: Child, start: int, end: int) -> None:
        s = self.s
        rate = s.lognormal(*cal.SW_CHANGES_PER_YEAR)
        history = [self._pick(self.social_workers)]
        t, reason = start, s.choice(cal.SW_FIRST_REASON)
        if t < _SW_REASON_REQUIRED and not s.chance(cal.SW_REASON_BEFORE_2023_GIVEN):
            reason = ""
        while True:
            change = t + 1 + round(s.exponential(365.25 / rate))
            child.social_workers.append((history[-1], t, min(change, end), reason))
            if change >= end:
                return
            if len(history) >= 2 and s.chance(cal.SW_RETURN_TO_PREVIOUS):
                worker = history[-2]
            else:
                worker = self._pick(self.social_workers)
                while worker == history[-1]:
                    worker = self._pick(self.social_workers)
            history.append(worker)
            t, reason = change, s.choice(cal.SW_REASON)
            if t < _SW_REASON_REQUIRED and not s.chance(cal.SW_REASON_BEFORE_2023_GIVEN):
                reason = ""

    # --- short breaks ----------------------------------------------------------------------------------
    def _short_breaks(self, first_day: int) -> None:
        """A disabled child on an agreed series of short breaks: every stay (V3) or agreement (V4)."""
        s = self.s
        child = self._new_child(first_day, int((5 + s.u() * 10) * 365.25), uasc=False, short_breaks=True)
        last_day = min(first_day + int((1 + s.u() * 5) * 365.25), birthday(child.dob, 18) - 1)
        agreements = s.chance(cal.SHORT_BREAK_V4)
        setting = "home" if s.chance(0.6) else "foster"
        unit = self._new_placement(first_day, setting)
        t = first_day
        while t < last_day:
            stay = min(s.randint(180, 365) if agreements else s.randint(1, 4), last_day - t)
            episode = Episode(
                t,
                t + stay,
                "S",
                "V4" if agreements else "V3",
                "N2",
                unit.place,
                unit.provider,
                "E4A",
                "",
                child.home_post,
                unit.pl_post,
                unit.urn,
                0,
            )
            child.episodes.append(episode)
            child.periods.append(Period(t, t + stay, "E4A", ("Z1", "", ""), short_breaks=True))
            t += stay + (1 if agreements else s.randint(20, 40))


def _leaving(child: Child) -> tuple[int, str] | None:
    """(last day in care, last REC) when the child is a care leaver: looked after for at least 13 weeks
    after the 14th birthday, some of it after the 16th; not when they died, moved to another LA or were
    adopted."""
    periods = child.periods
    if not periods or periods[-1].rec in ("E3", "E2", "E11", "E12"):
        return None
    b14, b16 = birthday(child.dob, 14), birthday(child.dob, 16)
    days = sum(max(0, p.end - max(p.start, b14)) for p in periods)
    if days < 91 or periods[-1].end <= b16:
        return None
    return periods[-1].end, periods[-1].rec


def _fmt_date(day: int) -> str:
    return date.fromordinal(day).strftime("%d/%m/%Y")


def _ls_at(legal: list[tuple[int, str]], day: int) -> str:
    current = legal[0][1]
    for d, ls in legal:
        if d > day:
            break
        current = ls
    return current


def _placement_end(placements: list[_Placement], placement: _Placement, end: int) -> int:
    """The next change of placement (or the period end): a temporary placement fits inside one segment."""
    later = [p.start for p in placements if p.start > placement.start]
    return min(later) if later else end


def _settle_legal_changes(
    legal: list[tuple[int, str]], placements: list[_Placement], temps: list[_Temp], end: int, s: Stream
) -> list[tuple[int, str]]:
    """Keep legal changes out of temporary placements; make some coincide with a move (RNE B)."""
    starts = [p.start for p in placements]
    settled = [legal[0]]
    for day, ls in legal[1:]:
        for t in temps:
            if t.start <= day < t.end:
                day = t.end
        nearby = [p for p in starts if 0 < p - day <= 10]
        if nearby and s.chance(0.5):
            day = nearby[0]
        if settled[-1][0] < day < end:
            settled.append((day, ls))
    return settled
