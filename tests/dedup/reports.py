"""Small invented reports: one story, its reprint, a retelling by another outlet, an unrelated one."""

STORY = (
    "Police in Andijan detained at least fourteen market traders on Monday after a dispute over new "
    "stall fees turned into a scuffle outside the city's central bazaar, witnesses said. Officers "
    "arrived in two buses and took the traders to a district station, where relatives gathered "
    "through the evening. A local official said the traders had refused to leave the square and "
    "that the fees were approved by the regional council last month. Two of the detained were "
    "released late at night without charge, according to a lawyer who represents several of them."
)

REPRINT = (
    "NEWS DIGEST | Central Asia desk\n\n"
    + STORY
    + "\n\nThis story first ran on Radio Ozodlik and appears here with permission. "
    "Subscribe to our morning newsletter for more regional headlines."
)

RETELLING = (
    "More than a dozen vendors from Andijan's main bazaar spent the night in custody this week. The "
    "arrests followed an argument with market managers about higher rents for trading spots. Family "
    "members told our correspondent they waited for hours outside a police building for news. The "
    "regional administration defended the increase, saying it pays for repairs to the roof and "
    "drains. A rights group called the detentions disproportionate and asked for an inquiry."
)

UNRELATED = (
    "Heavy rain flooded several streets in Namangan on Thursday, cutting power to two neighbourhoods "
    "for most of the afternoon. Emergency crews pumped water from basements and a school closed early. "
    "The city's utility company said engineers restored electricity by evening and that no one was hurt. "
    "Forecasters expect more showers across the valley over the weekend."
)
