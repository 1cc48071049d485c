"""An invented multi-report story: one attack told by three outlets over three days, and a nearby raid.

Written for the tests (no real report's text): a first report, a death-toll update by another
outlet in other words, the first outlet's eyewitness follow-up two days later, a denial by a
third outlet, and an unrelated raid on another town later that week by the second outlet.
Each is a scraped page: headline, optional byline, date line, site name, then the text.
"""

FIRST_REPORT = (
    "Gunmen kill 12 at Maiduguri market\n"
    "By Staff Reporter\n"
    "May 6, 2024\n"
    "Sahel Wire\n"
    "Gunmen on motorcycles attacked a crowded cattle market in Maiduguri on Monday, killing at "
    "least 12 people, police said. The attackers opened fire on traders and set several stalls "
    "alight before fleeing toward the outskirts of the city, a police spokesman told reporters."
    " Security forces sealed off the area in the afternoon.\n"
)

TOLL_UPDATE = (
    "Death toll in Maiduguri market attack rises to 19\n"
    "May 7, 2024\n"
    "Lake Chad Radio\n"
    "The number of people killed in Monday's assault on a livestock market in Maiduguri has "
    "climbed to 19, a hospital official said on Tuesday. Armed men riding motorbikes shot at "
    "cattle traders and burned their stalls, according to survivors treated at the state "
    "hospital. Dozens more were wounded in the shooting.\n"
)

EYEWITNESS_FOLLOW_UP = (
    "Survivors recount terror of Maiduguri market shooting\n"
    "May 8, 2024\n"
    "Sahel Wire\n"
    "Witnesses described on Wednesday how gunmen stormed the Maiduguri cattle market on Monday "
    'and shot traders as they tried to flee. "They came on motorcycles and started shooting at '
    'everyone," said a trader who hid behind a truck. Police have not named any suspects in the'
    " attack.\n"
)

DENIAL = (
    "Militant faction denies role in Maiduguri market attack\n"
    "May 8, 2024\n"
    "Borno Daily\n"
    "A militant faction active in northeastern Nigeria on Wednesday denied carrying out the "
    "attack on the Maiduguri cattle market, calling the accusation propaganda. In an audio "
    "message, a spokesman for the group said its fighters were not in the city on Monday.\n"
)

OTHER_ATTACK = (
    "Soldiers repel insurgent raid on Gwoza base\n"
    "May 10, 2024\n"
    "Lake Chad Radio\n"
    "Soldiers repelled an insurgent raid on an army base in Gwoza on Friday, killing four "
    "attackers, the army said. The militants arrived in pickup trucks before dawn and exchanged"
    " fire with troops for two hours. No soldiers were killed, a military spokesman said.\n"
)
