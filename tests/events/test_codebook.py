"""ACLED's recoding rules, read from data/codebook.json, applied to candidate events."""

import json

import pytest

from eventatlas.events.actors import ResolvedActor
from eventatlas.events.codebook import Coding, apply_rules, codebook, target_kinds
from eventatlas.events.resources import DATA_DIR, taxonomy

POLICE = ResolvedActor("Police Forces", "State forces", generic=True, kind="force")
ARMY = ResolvedActor("Military Forces", "State forces", generic=True, kind="force")
GUNMEN = ResolvedActor("Unidentified Armed Group", "Political militia", kind="militia")
PARTY = ResolvedActor("AL: Awami League", "Political militia", "BD", kind="party")
VILLAGERS = ResolvedActor("Civilians", "Civilians", generic=True, kind="civilian")
RIOTERS = ResolvedActor("Rioters", "Rioters", generic=True, kind="riot")


def test_every_rule_uses_known_labels_stages_and_conditions():
    codes = set(taxonomy().labels)
    for rule in codebook().rules:
        assert rule.stage in ("candidate", "roles", "located"), rule.name
        assert set(rule.when.get("label", [])) <= codes, rule.name
        assert rule.then.get("label", "ARMED_CLASH") in codes, rule.name
        apply_rules(Coding(label="ARMED_CLASH"), rule.stage)  # unknown condition keys raise
    raw = json.loads((DATA_DIR / "codebook.json").read_text("utf-8"))
    assert all(rule.get("why") for rule in raw["rules"])  # each rule says which codebook rule it is


def test_unknown_condition_is_a_clear_error(monkeypatch):
    from eventatlas.events import codebook as module

    book = module.Codebook((module.Rule("x", "candidate", {"colour": "red"}, {}),), {}, {})
    monkeypatch.setattr(module, "codebook", lambda: book)
    with pytest.raises(ValueError, match="unknown condition 'colour'"):
        apply_rules(Coding(label="ATTACK"), "candidate")


@pytest.mark.parametrize("coding, label", [
    # an attack on armed forces is a Battle
    (Coding(label="ATTACK", actor1=GUNMEN, actor2=POLICE), "ARMED_CLASH"),
    # ... also when only the target says so ("attacked a police checkpoint")
    (Coding(label="ATTACK", actor1=GUNMEN, target="a police checkpoint"), "ARMED_CLASH"),
    # destruction by demonstrators is a Violent demonstration
    (Coding(label="PROPERTY_DISTRUCT", actor1=RIOTERS, text="demonstrators protesting power cuts looted shops"), "VIOL_DEMONSTR"),
    # ... and a crowd's violence with no demonstration in sight is Mob violence
    (Coding(label="VIOL_DEMONSTR", actor1=RIOTERS, text="youths threw stones at a senator's convoy"), "MOB_VIOL"),
    (Coding(label="PEACE_PROTEST", triggers={"PEACE_PROTEST", "VIOL_DEMONSTR"}, text="they protested and burned tyres"), "VIOL_DEMONSTR"),
    # a brawl between party members is Mob violence
    (Coding(label="ARMED_CLASH", actor1=PARTY), "MOB_VIOL"),
    (Coding(label="ATTACK", actor1=VILLAGERS, text="villagers beat a suspected thief"), "MOB_VIOL"),
    # police arresting demonstrators is a Protest with intervention
    (Coding(label="ARREST", triggers={"ARREST"}, actor1=POLICE, target="20 protesters"), "PROTEST_WITH_INTER"),
    (Coding(label="PROTEST_WITH_INTER", triggers={"PEACE_PROTEST"}), "PEACE_PROTEST"),
    (Coding(label="PROTEST_WITH_INTER", triggers={"PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST"}), "FORCE_AGAINST_PROTEST"),
    # seized weapons are a Disrupted weapons use
    (Coding(label="ARREST", actor1=POLICE, text="police arrested two men and recovered rifles and ammunition"), "DISR_WEAP"),
    (Coding(label="REM_EXPLOS", triggers={"REM_EXPLOS"}, text="a bomb exploded prematurely while militants were planting it"),
     "DISR_WEAP"),
    # a weapon sub-type needs its weapon in the words: "opened fire" typed as a chemical attack is an Attack
    (Coding(label="CHEM_WEAP", triggers={"ATTACK"}, actor1=POLICE, text="police opened fire on a herd"), "ATTACK"),
    # troops moving somewhere are a Change to group/activity
    (Coding(label="OTHER", actor1=ARMY, arrival="forces"), "CHANGE_TO_GROUP_ACT"),
    # who takes control decides the territorial sub-type
    (Coding(label="NON_STATE_ACTOR_OVERTAKES_TER", actor1=ARMY), "GOV_REGAINS_TERIT"),
    (Coding(label="GOV_REGAINS_TERIT", actor1=GUNMEN), "NON_STATE_ACTOR_OVERTAKES_TER"),
    (Coding(label="GOV_REGAINS_TERIT", actor1=ARMY, text="troops retook the town; no fighting was reported"),
     "NON_VIOL_TERRIT_TRANSFER"),
    # arrests by a rebel group are abductions
    (Coding(label="ARREST", actor1=ResolvedActor("HTS: Hayat Tahrir al Sham", "Rebel group", kind="jihadist")), "ABDUCT_DISSAP"),
])
def test_recoding_rules(coding, label):
    assert apply_rules(coding, "candidate").label == label


def test_rules_set_acled_actors():
    brawl = apply_rules(Coding(label="ARMED_CLASH", actor1=PARTY), "candidate")
    assert brawl.actor1.name == "Rioters" and brawl.assoc1 == PARTY
    attack = apply_rules(Coding(label="ATTACK", actor1=GUNMEN), "candidate")
    assert attack.actor2.inter == "Civilians"
    post = apply_rules(Coding(label="ATTACK", actor1=GUNMEN, target="a police post"), "candidate")
    assert post.actor2.name == "Police Forces"
    protest = apply_rules(Coding(label="PEACE_PROTEST"), "candidate")
    assert protest.actor1.name == "Protesters" and "demonstrators are protesters" in protest.applied


def test_a_base_needs_someone_to_establish_it():
    assert apply_rules(Coding(label="HQ_ESTABLISHED", trigger_words="training camp"), "candidate").dropped
    assert not apply_rules(Coding(label="HQ_ESTABLISHED", trigger_words="set up a base"), "candidate").dropped


def test_located_rules_need_the_country():
    foreign = Coding(label="GOV_REGAINS_TERIT", actor1=ResolvedActor("Military Forces of Russia", "State forces"), abroad1=True)
    apply_rules(foreign, "located")
    assert foreign.actor1.inter == "External/Other forces" and foreign.label == "NON_STATE_ACTOR_OVERTAKES_TER"


def test_target_kinds():
    assert "armed_post" in target_kinds("an army position near the border")
    assert target_kinds("a wedding party") == set()


@pytest.mark.parametrize(("coding", "dropped"), [
    # an arrest in a robbery or drug case with nobody political in sight is ordinary crime
    (Coding(label="ARREST", text="police arrested two men", context="Police arrested two men after a jewellery store robbery."), True),
    (Coding(label="ARREST", text="police arrested two men",
            context="Police arrested two opposition activists accused of robbery."), False),
    (Coding(label="ARREST", text="he was rushed to hospital after a cardiac arrest", trigger_words="arrest"), True),
    # territory changes need ground; a sale of artillery is no shelling; a suspect's surrender no agreement
    (Coding(label="NON_VIOL_TERRIT_TRANSFER", text="the board revoked her licence"), True),
    (Coding(label="NON_VIOL_TERRIT_TRANSFER", text="the rebels withdrew from the town"), False),
    (Coding(label="ART_MISS_ATTACK", triggers={"ART_MISS_ATTACK"}, text="the ministry approved the sale of 90 howitzers"), True),
    (Coding(label="ART_MISS_ATTACK", triggers={"ART_MISS_ATTACK"}, text="the army shelled the village with howitzers"), False),
    (Coding(label="AGREEMENT", text="the gunman agreed to surrender to police"), True),
    # police arriving at a scene, a suspect fleeing it, an idiom: no event
    (Coding(label="CHANGE_TO_GROUP_ACT", text="officers were dispatched to the house"), True),
    (Coding(label="OTHER", text="the suspect fled on foot"), True),
    (Coding(label="PEACE_PROTEST", text="it was gathered that the victims were mostly children"), True),
    (Coding(label="PEACE_PROTEST", text="students held a vigil outside parliament"), False),
])
def test_ordinary_news_look_alikes_are_dropped(coding, dropped):
    assert apply_rules(coding, "candidate").dropped is dropped


def test_a_downed_airliner_is_a_missile_attack_not_a_disrupted_weapon():
    downed = Coding(label="DISR_WEAP", text="their forces had shot down a passenger jet near the capital")
    intercepted = Coding(label="DISR_WEAP", text="air defences shot down two drones over the city")
    assert apply_rules(downed, "candidate").label == "ART_MISS_ATTACK"
    assert apply_rules(intercepted, "candidate").label == "DISR_WEAP"


CARTEL = ResolvedActor("Sinaloa Cartel", "Political militia", "MX", kind="gang")
CHARITY = ResolvedActor("Civilians", "Civilians", generic=True, kind="civilian")
COMMUNAL = ResolvedActor("Unidentified Communal Militia", "Identity militia", generic=True, kind="communal")


@pytest.mark.parametrize(("coding", "label", "dropped"), [
    # an armed group handing out aid changes its activity; a charity doing so is no event
    (Coding(label="CHANGE_TO_GROUP_ACT", trigger_words="handed out rice parcels", actor1=CARTEL), "CHANGE_TO_GROUP_ACT", False),
    (Coding(label="OTHER", trigger_words="distributed blankets and food", actor1=CARTEL), "CHANGE_TO_GROUP_ACT", False),
    (Coding(label="CHANGE_TO_GROUP_ACT", trigger_words="handed out rice parcels", actor1=CHARITY), "CHANGE_TO_GROUP_ACT", True),
    (Coding(label="CHANGE_TO_GROUP_ACT", trigger_words="delivered food parcels"), "CHANGE_TO_GROUP_ACT", True),
    # the dissolution of a unit, even by agreement, is a change to the group
    (Coding(label="AGREEMENT", trigger_words="disbandment of the border brigade agreement"), "CHANGE_TO_GROUP_ACT", False),
])
def test_strategic_developments_of_armed_groups(coding, label, dropped):
    coded = apply_rules(coding, "candidate")
    assert coded.dropped is dropped
    if not dropped:
        assert coded.label == label


@pytest.mark.parametrize(("coding", "label"), [
    # a weapon class the words do not name, in a clause about an operation: a battle
    (Coding(label="AIR_STRIKE", triggers={"ARMED_CLASH"}, actor1=ARMY, text="troops led a sweep backed by gunships"), "ARMED_CLASH"),
    # police beating demonstrators intervene in a protest; the demonstrators did not riot
    (Coding(label="VIOL_DEMONSTR", triggers={"PEACE_PROTEST", "MOB_VIOL"}, actor1=POLICE,
            text="police beat up marching nurses"), "PROTEST_WITH_INTER"),
    (Coding(label="VIOL_DEMONSTR", triggers={"PEACE_PROTEST", "MOB_VIOL"},
            text="striking cleaners were kicked and dragged into vans by riot police"), "PROTEST_WITH_INTER"),
    # members of an armed group ambushing a convoy fight a battle; no party brawl
    (Coding(label="ARMED_CLASH", triggers={"ARMED_CLASH"}, text="members of a rebel militia ambushed a supply convoy"), "ARMED_CLASH"),
    # a fight between groups of people who are no armed group is Mob violence
    (Coding(label="ARMED_CLASH", triggers={"ARMED_CLASH"}, text="two groups of minibus drivers clashed over a parking bay"), "MOB_VIOL"),
    (Coding(label="ARMED_CLASH", triggers={"ARMED_CLASH"}, text="two groups of armed men clashed over a parking bay"), "ARMED_CLASH"),
    (Coding(label="ARMED_CLASH", triggers={"ARMED_CLASH"}, text="fighting between Tuareg and Arab groups killed 10 people"), "ARMED_CLASH"),
    # party supporters fighting the police still riot
    (Coding(label="ARMED_CLASH", triggers={"ARMED_CLASH"}, actor2=POLICE,
            text="supporters of the opposition party clashed with security forces"), "MOB_VIOL"),
    # police stepping into such a fight are its actor 2
    (Coding(label="ARMED_CLASH", triggers={"ARMED_CLASH"}, trigger_words="fight", actor1=POLICE,
            text="gendarmes intervened in a fight between dozens of wedding guests"), "MOB_VIOL"),
    # a mob's lynching stays Mob violence whoever the parse calls the mob
    (Coding(label="MOB_VIOL", actor1=COMMUNAL, text="a mob of vigilantes lynched a suspected cattle thief"), "MOB_VIOL"),
    # one man shooting a police officer is a battle with the police, not a crowd's violence
    (Coding(label="ATTACK", actor1=CHARITY, target="a traffic police officer", text="a man shoots a traffic police officer"), "ARMED_CLASH"),
])
def test_codebook_rules_on_who_fights_whom(coding, label):
    assert apply_rules(coding, "candidate").label == label


def test_the_dead_of_a_communal_clash_are_the_other_side():
    clash = Coding(label="ARMED_CLASH", triggers={"ARMED_CLASH"}, actor2=VILLAGERS,
                   text="three cattle keepers died in clashes between farmers and herders")
    coded = apply_rules(clash, "candidate")
    assert coded.label == "ARMED_CLASH"
    assert coded.actor1.inter == "Identity militia" and coded.actor2.inter == "Identity militia"


def test_a_brawl_broken_up_by_police_has_the_police_as_actor_2():
    brawl = apply_rules(Coding(label="ARMED_CLASH", triggers={"ARMED_CLASH"}, trigger_words="fight", actor1=POLICE,
                               text="gendarmes intervened in a fight between dozens of wedding guests"), "candidate")
    assert brawl.actor1.name == "Rioters" and brawl.actor2 == POLICE


def test_crowd_control_munitions():
    at_protest = Coding(label="GRENADE", triggers={"GRENADE", "PEACE_PROTEST"}, text="police lobbed stun grenades at marchers")
    assert apply_rules(at_protest, "candidate").label == "PROTEST_WITH_INTER"
    elsewhere = Coding(label="ART_MISS_ATTACK", triggers={"ART_MISS_ATTACK"}, text="guards fired teargas shells at a queue")
    assert apply_rules(elsewhere, "candidate").dropped
    real = Coding(label="GRENADE", triggers={"GRENADE"}, text="gunmen threw hand grenades and smoke grenades at a barracks")
    assert not apply_rules(real, "candidate").dropped


@pytest.mark.parametrize("coding", [
    # a business, loan or trade agreement is no conflict agreement
    Coding(label="AGREEMENT", text="the government signed a loan agreement with the development bank"),
    # a march to celebrate a victory makes no demand
    Coding(label="PEACE_PROTEST", triggers={"PEACE_PROTEST"}, text="fans marched through the city to celebrate the team's victory"),
    # hacking harms no one physically
    Coding(label="ATTACK", text="hackers attacked the computer systems of the port authority"),
    # violence against one's own relative or neighbour is interpersonal crime
    Coding(label="ATTACK", actor1=VILLAGERS, target="his neighbour", text="a farmer stabbed his neighbour after a quarrel"),
])
def test_ordinary_look_alikes_are_dropped(coding):
    assert apply_rules(coding, "candidate").dropped


@pytest.mark.parametrize("coding", [
    Coding(label="AGREEMENT", text="the government and the rebels signed a ceasefire agreement"),
    Coding(label="PEACE_PROTEST", triggers={"PEACE_PROTEST"}, text="thousands marched to denounce the killing of activists"),
    Coding(label="ATTACK", actor1=GUNMEN, target="a farmer and his wife", text="gunmen killed a farmer and his wife"),
])
def test_their_conflict_counterparts_stay(coding):
    assert not apply_rules(coding, "candidate").dropped


def test_a_riot_word_alone_is_no_demonstration():
    mob = apply_rules(Coding(label="VIOL_DEMONSTR", triggers={"VIOL_DEMONSTR"}, text="rioting youths stoned the convoy",
                             context="Rioting youths stoned the convoy. The reason for the unrest is unknown."), "candidate")
    assert mob.label == "MOB_VIOL"
    cause = apply_rules(Coding(label="VIOL_DEMONSTR", triggers={"VIOL_DEMONSTR"}, text="rioters burned tyres",
                               context="Rioters burned tyres due to the power cuts."), "candidate")
    assert cause.label == "VIOL_DEMONSTR"
