"""The rule table: where each model hangs in the region tree, and what each role may do with it.

One `Rule` per model. Its `paths` say how to get from a row to the regency, the agency, the village
(and the assigned evaluators) it belongs to, as Django lookups; its `grants` say, per role, which
actions reach which rows, in a compact notation parsed at import time:

    "*:vacd"        every row: view, add, change, delete
    "R:vacd"        rows of the user's regency (via `paths.regency`)
    "A:vc"          rows of the user's agency (via `paths.agency`)
    "V:vc"          rows of the user's village (via `paths.village`)
    "E:v"           rows the user is assigned to as evaluator (via `paths.assignee`)
    "R:v V:c"       groups are space-separated; an action appears in at most one group

A role not named in `grants` may do nothing with the model. Adding a model is one `Rule(...)` line;
`tests/accounts/test_policy_table.py` fails when a model of a programme app has no rule.

Decisions worth knowing (also in docs/permissions.md):
- Official areas are never edited by hand (the `import_wilayah` command owns them). `change` on a
  Village means managing what hangs off it (its Kelurahan Pintar enrolment, the innovations placed
  in it); the admin shows the village's own fields read-only.
- A masterplan version always has its four books: nobody adds or deletes a `Book` by hand.
- An API token acts as its user: regency staff (Dinkominfo) manage the tokens of their region's users; a
  token is revoked, never deleted by hand (it goes only with its user).
- Audit rows (`SubmissionTransition`) and the reminder log are never edited by hand, not even by
  the national admin.
- Evaluators read every region's programme and edit nothing by hand; a region's submissions (and
  what hangs off them) they see only where they are assigned (`EV_SUBMISSIONS = "E:v"`). Their
  review work (assessed scores, comments, findings, status changes) goes through the workflow in
  `evaluations/services.py`, which asks this policy for the reach and `role_of` for the side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accounts.models import Role

from .types import Action, Level

NA = Role.NATIONAL_ADMIN
RS = Role.REGENCY_STAFF
AS = Role.AGENCY_STAFF
KO = Role.KELURAHAN_OPERATOR
EV = Role.EVALUATOR

ALL = "*:vacd"
READ = "*:v"
# What evaluators may do with a region's submission and what hangs off it: read, where assigned.
EV_SUBMISSIONS = "E:v"


@dataclass(frozen=True)
class Paths:
    """Lookups from a row to the area it belongs to; a tuple means "any of these" (OR).

    `"pk"` means the row itself (a Regency's regency is itself).
    """

    regency: tuple[str, ...] = ()
    agency: tuple[str, ...] = ()
    village: tuple[str, ...] = ()
    assignee: tuple[str, ...] = ()

    def for_level(self, level: Level) -> tuple[str, ...]:
        return {
            Level.REGENCY: self.regency,
            Level.AGENCY: self.agency,
            Level.VILLAGE: self.village,
            Level.ASSIGNED: self.assignee,
            Level.ALL: (),
        }[level]


def paths(
    regency: str | tuple[str, ...] = (),
    agency: str | tuple[str, ...] = (),
    village: str | tuple[str, ...] = (),
    assignee: str | tuple[str, ...] = (),
) -> Paths:
    def tup(value: str | tuple[str, ...]) -> tuple[str, ...]:
        return (value,) if isinstance(value, str) else value

    return Paths(tup(regency), tup(agency), tup(village), tup(assignee))


GLOBAL = Paths()


def parse_grant(spec: str) -> dict[Action, Level]:
    """Parse "R:vacd A:c" into {Action.VIEW: Level.REGENCY, ...}; raise ValueError on nonsense."""
    letters = {"v": Action.VIEW, "a": Action.ADD, "c": Action.CHANGE, "d": Action.DELETE}
    result: dict[Action, Level] = {}
    for group in spec.split():
        level_code, _, actions = group.partition(":")
        level = Level(level_code)
        for letter in actions:
            action = letters[letter]
            if action in result:
                raise ValueError(f"action {action} granted twice in {spec!r}")
            result[action] = level
    return result


@dataclass(frozen=True)
class Rule:
    """Where a model hangs and what each role may do with it."""

    label: str
    paths: Paths
    grants: dict[Role, str]
    parsed: dict[Role, dict[Action, Level]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parsed = {role: parse_grant(spec) for role, spec in self.grants.items()}
        for role, actions in parsed.items():
            for action, level in actions.items():
                if level is not Level.ALL and not self.paths.for_level(level):
                    raise ValueError(f"{self.label}: {role} gets {action} at {level} but the rule has no such path")
        object.__setattr__(self, "parsed", parsed)

    def level(self, role: Role | str, action: Action) -> Level | None:
        return self.parsed.get(Role(role), {}).get(action) if role else None


# Paths used by several rules.
INNOVATION = paths(regency="agency__regency", agency="agency", village="villages")
VIA_INNOVATION = paths(
    regency="innovation__agency__regency", agency="innovation__agency", village="innovation__villages"
)
INNOVATION_PART = {NA: ALL, EV: READ, RS: "R:vacd", AS: "A:vacd", KO: "V:vacd"}
VERSION_CHILD = paths(regency="version__masterplan__regency")
SUBMISSION_CHILD = paths(regency="submission__regency", assignee="submission__evaluators")

RULES: tuple[Rule, ...] = (
    # --- accounts -------------------------------------------------------------------------------
    Rule(
        "accounts.User",
        paths(regency=("regency", "agency__regency", "village__regency")),
        {NA: ALL, RS: "R:v"},
    ),
    # Group membership and direct permissions follow the role (accounts.services.user_set_role).
    Rule("accounts.User_groups", paths(regency=("user__regency", "user__agency__regency")), {NA: READ}),
    Rule("accounts.User_user_permissions", paths(regency=("user__regency", "user__agency__regency")), {NA: READ}),
    Rule("auth.Group", GLOBAL, {NA: READ}),
    # --- official areas: read-only for everyone -------------------------------------------------
    Rule("kelurahan.Province", GLOBAL, {NA: READ, EV: READ, RS: READ}),
    Rule("kelurahan.Regency", paths(regency="pk"), {NA: READ, EV: READ, RS: "R:v"}),
    Rule("kelurahan.District", paths(regency="regency"), {NA: READ, EV: READ, RS: "R:v"}),
    Rule(
        "kelurahan.Village",
        paths(regency="regency", agency="kelurahan_pintar__supervising_agency", village="pk"),
        {NA: "*:vc", EV: READ, RS: "R:vc", AS: "R:v", KO: "V:vc"},
    ),
    # --- a region's programme -------------------------------------------------------------------
    Rule("kelurahan.Programme", paths(regency="regency"), {NA: ALL, EV: READ, RS: "R:vc"}),
    Rule("kelurahan.LegalBasis", paths(regency="regency"), {NA: ALL, EV: READ, RS: "R:vacd"}),
    Rule(
        "kelurahan.Agency",
        paths(regency="regency", agency="pk"),
        {NA: ALL, EV: READ, RS: "R:vacd", AS: "A:v", KO: "R:v"},
    ),
    Rule(
        "kelurahan.KelurahanPintar",
        paths(regency="village__regency", agency="supervising_agency", village="village"),
        {NA: ALL, EV: READ, RS: "R:vacd", AS: "A:vc", KO: "V:vc"},
    ),
    Rule(
        "kelurahan.KelurahanPintar_focus_dimensions",
        paths(
            regency="kelurahanpintar__village__regency",
            agency="kelurahanpintar__supervising_agency",
            village="kelurahanpintar__village",
        ),
        {NA: ALL, EV: READ, RS: "R:vacd", AS: "A:vacd", KO: "V:vacd"},
    ),
    # --- the dimension catalogue and innovations ------------------------------------------------
    Rule("dimensions.Dimension", GLOBAL, {NA: ALL, EV: READ, RS: READ, AS: READ, KO: READ}),
    Rule("dimensions.SubDimension", GLOBAL, {NA: ALL, EV: READ, RS: READ, AS: READ, KO: READ}),
    Rule("dimensions.Innovation", INNOVATION, {NA: ALL, EV: READ, RS: "R:vacd", AS: "A:vacd", KO: "V:vc"}),
    Rule("dimensions.InnovationLink", VIA_INNOVATION, INNOVATION_PART),
    Rule("dimensions.InnovationEvidence", VIA_INNOVATION, INNOVATION_PART),
    Rule(
        "dimensions.Innovation_villages",
        paths(regency="innovation__agency__regency", agency="innovation__agency", village="village"),
        {NA: ALL, EV: READ, RS: "R:vacd", AS: "A:vacd", KO: "V:v"},
    ),
    # --- masterplans ----------------------------------------------------------------------------
    Rule("masterplan.Masterplan", paths(regency="regency"), {NA: ALL, EV: READ, RS: "R:vac"}),
    Rule("masterplan.MasterplanVersion", paths(regency="masterplan__regency"), {NA: ALL, EV: READ, RS: "R:vacd"}),
    Rule(
        "masterplan.MasterplanVersion_dimensions",
        paths(regency="masterplanversion__masterplan__regency"),
        {NA: ALL, EV: READ, RS: "R:vacd"},
    ),
    Rule("masterplan.Book", VERSION_CHILD, {NA: "*:vc", EV: READ, RS: "R:vc"}),
    Rule("masterplan.ActionItem", VERSION_CHILD, {NA: ALL, EV: READ, RS: "R:vacd"}),
    Rule("masterplan.GuidanceSession", VERSION_CHILD, {NA: ALL, EV: READ, RS: "R:vacd"}),
    # --- evaluations: the national questionnaire and periods ------------------------------------
    Rule("evaluations.Questionnaire", GLOBAL, {NA: ALL, EV: READ, RS: READ}),
    Rule("evaluations.ScaleLevel", GLOBAL, {NA: ALL, EV: READ, RS: READ}),
    Rule("evaluations.Question", GLOBAL, {NA: ALL, EV: READ, RS: READ}),
    Rule("evaluations.EvaluationPeriod", GLOBAL, {NA: ALL, EV: READ, RS: READ}),
    # --- evaluations: a region's submission -----------------------------------------------------
    Rule(
        "evaluations.Submission",
        paths(regency="regency", assignee="evaluators"),
        {NA: ALL, EV: EV_SUBMISSIONS, RS: "R:v"},
    ),
    Rule(
        "evaluations.Submission_evaluators",
        paths(regency="submission__regency", assignee="user"),
        {NA: ALL, EV: EV_SUBMISSIONS, RS: "R:v"},
    ),
    Rule("evaluations.Answer", SUBMISSION_CHILD, {NA: ALL, EV: EV_SUBMISSIONS, RS: "R:vacd"}),
    Rule(
        "evaluations.AnswerEvidence",
        paths(regency="answer__submission__regency", assignee="answer__submission__evaluators"),
        {NA: ALL, EV: EV_SUBMISSIONS, RS: "R:vacd"},
    ),
    Rule("evaluations.Finding", SUBMISSION_CHILD, {NA: ALL, EV: EV_SUBMISSIONS, RS: "R:v"}),
    Rule("evaluations.SubmissionTransition", SUBMISSION_CHILD, {NA: READ, EV: EV_SUBMISSIONS, RS: "R:v"}),
    Rule("evaluations.Reminder", GLOBAL, {NA: READ}),
    # --- API tokens: they act as their user, so they follow the user's place; revoked, never deleted --------
    Rule(
        "api.ApiToken",
        paths(regency=("user__regency", "user__agency__regency", "user__village__regency")),
        {NA: "*:vac", RS: "R:vac"},
    ),
)
