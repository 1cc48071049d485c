"""Short invented reports used by the events tests and the speed benchmark.

Every sentence here is made up (fictional places and people); none is taken from the seed report.
"""

from __future__ import annotations

REPORTS: dict[str, str] = {
    "mobilize": (
        "Russia has deployed tank battalions near the Estonian frontier, officials in Tallinn said on Monday.\n"
        "The 5th Army was sent to the coast by the defence ministry.\n"
        "The battalions were deployed to villages that had been left unguarded."
    ),
    "order": (
        "The regional command ordered police units to fire on protesters outside the palace.\n"
        "Police did not fire, witnesses said."
    ),
    "passive_assault": (
        "Three farmers were shot by militia fighters near the river crossing, "
        "a local official told the Daily Courier.\n"
        '"The fighters then burned two grain stores," the official said.'
    ),
    "denial": (
        "The interior ministry denied arresting the opposition leader on Friday.\n"
        "Officials could close the airport if the unrest spreads."
    ),
    "coordination": (
        "Ankara and Athens closed the border crossing and suspended all ferry services on Sunday, "
        "according to state media."
    ),
    "crime": (
        "Customs officers arrested four smugglers who had moved 300 kilograms of copper into Zambia.\n"
        "The smugglers sold the metal for about $2.3 million, investigators said."
    ),
    "protest": (
        "Thousands of students protested in the capital on Tuesday against the new tuition law.\n"
        "Police detained twelve demonstrators, the city council said."
    ),
    "diplomacy": (
        "The foreign minister of Kenya met his Ugandan counterpart in Kampala on Wednesday.\n"
        "Kenya agreed to supply grain to Uganda, and the two governments signed a trade agreement.\n"
        "Uganda praised Kenya for the deal."
    ),
    "verbal_conflict": (
        "The opposition party accused the government of rigging the vote.\n"
        "The president rejected the demand for a recount and warned protesters of harsh consequences.\n"
        "Lawmakers urged the election commission to publish the results."
    ),
    "sanction_aid": (
        "The European Union imposed sanctions on three Belarusian banks on Thursday.\n"
        "Japan donated 500 tons of rice to flood victims in Bangladesh.\n"
        "The rebels released six hostages and withdrew from the town, a spokesman for the mission said."
    ),
    "cooperate": (
        "Chile and Peru will cooperate on fisheries patrols, their navies said.\n"
        "The two navies held joint exercises off the coast last week."
    ),
    "lockdown": (
        "Authorities locked down the port city of Marella after a cholera outbreak, a health official told reporters.\n"
        "The lockdown stranded hundreds of travellers, the official said.\n"
        "Residents said the crackdown on street vendors had also intensified."
    ),
    "attribution_chain": (
        "A police source in Dorran district told the Evening Post that officers raided a warehouse on Sunday.\n"
        '"They seized 40 rifles and detained two guards," the source said.\n'
        '"The raid was planned for weeks."\n'
        "The mayor later praised the operation."
    ),
    "hypothetical": (
        "Troops would attack the rebel camp if talks failed, the general said.\n"
        "The army may deploy more drones along the border.\n"
        "Militants were seen near the pass; they might ambush convoys."
    ),
    "quantities": (
        "Two soldiers were wounded when rebels fired rockets from 200 to 300 meters away.\n"
        "The ministry paid 1,000 yuan to each family and promised U.S. $4.2 million in relief."
    ),
}
