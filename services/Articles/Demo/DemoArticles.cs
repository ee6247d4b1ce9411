namespace NewsPlatform.Articles.Demo;

/// <summary>
/// One original, entirely fictional demo article that the Articles service seeds in Development so that a
/// first run shows a living site. People, companies, clubs and figures are invented for this project.
/// </summary>
/// <param name="Key">Stable unique id used for idempotent seeding, e.g. "demo-001".</param>
/// <param name="Headline">The headline (40–120 characters).</param>
/// <param name="Summary">A one-sentence dek.</param>
/// <param name="Paragraphs">Three to six paragraphs of plain text (no HTML).</param>
/// <param name="Section">The section slug.</param>
/// <param name="Subsection">The subsection slug, or null.</param>
/// <param name="Byline">The fictional reporter's name, or null for wire copy and editorials.</param>
/// <param name="SourceCredit">A fictional agency or partner credit, or null.</param>
/// <param name="Tags">Two to four lower-case tags.</param>
/// <param name="IsPremium">Whether the article sits behind the subscription wall.</param>
/// <param name="PublishedHoursAgo">How long before seeding the article counts as published (1–240).</param>
/// <param name="Correction">Null, or a corrected replacement for <c>Paragraphs[0]</c> (a factual fix).</param>
public sealed record DemoArticle(
    string Key,
    string Headline,
    string Summary,
    string[] Paragraphs,
    string Section,
    string? Subsection,
    string? Byline,
    string? SourceCredit,
    string[] Tags,
    bool IsPremium,
    int PublishedHoursAgo,
    string? Correction);

/// <summary>The forty demo articles, keyed "demo-001" to "demo-040" in order.</summary>
public static class DemoArticles
{
    public static IReadOnlyList<DemoArticle> All { get; } =
    [
        new DemoArticle(
            Key: "demo-001",
            Headline: "Assembly committee clears bill to cap campaign spending on short-form video ads",
            Summary: "Rival parties backed the measure after months of wrangling over how to police digital electioneering before the next local elections.",
            Paragraphs:
            [
                "A National Assembly committee on Tuesday approved a bill that would cap how much candidates can spend on short-form video advertising, sending the measure to a plenary vote expected later this month. The proposal cleared the Public Administration and Security Committee by 14 votes to 3, with lawmakers from both major parties backing it after a late compromise on enforcement.",
                "Under the bill, candidates in local elections could devote no more than 30 percent of their official campaign budget to paid video placements on social media platforms. Spending above that threshold would trigger fines and, in serious cases, a referral to the election watchdog. Platforms would also be required to keep a searchable public archive of political ads for three years.",
                "Supporters say the cap will curb an arms race that has pushed campaign costs sharply higher since the last local elections. \"Voters in Daegu and Gwangju are seeing the same slick clips dozens of times a day, paid for by whoever has the deepest pockets,\" said Rep. Yoon Chae-rin, a first-term lawmaker who co-sponsored the measure.",
                "Critics, including several digital rights groups, argue the rules are vague about what counts as a paid placement and could chill legitimate political speech by ordinary users. The committee added a clause exempting unpaid posts by volunteers, but opponents said they would lobby for further amendments before the final vote.",
            ],
            Section: "national",
            Subsection: "politics",
            Byline: "Kim Ha-eun",
            SourceCredit: null,
            Tags: ["election", "national-assembly", "digital-advertising"],
            IsPremium: false,
            PublishedHoursAgo: 1,
            Correction: null),

        new DemoArticle(
            Key: "demo-002",
            Headline: "Bluecrane Semiconductor unveils low-power AI chip aimed at home appliances",
            Summary: "The Pangyo-based chip designer says its new neural processor will let refrigerators and air conditioners run voice and vision features without a cloud connection.",
            Paragraphs:
            [
                "Bluecrane Semiconductor, a fabless chip designer based in Pangyo, on Monday unveiled a neural processing unit for home appliances that it says consumes 40 percent less power than its previous generation. The company said the chip, called the Heron N2, will enter mass production in the third quarter through a contract manufacturer and ship in appliances early next year.",
                "The processor is designed to handle on-device tasks such as recognising spoken commands, identifying food items inside a refrigerator and adjusting air conditioner output based on how many people are in a room. Running those features locally rather than in the cloud reduces latency and addresses privacy concerns that have slowed adoption of connected appliances, the company said.",
                "\"Consumers want smart features, but they do not want their kitchen sending video to a server somewhere,\" chief executive Seo Dong-hyun told reporters at a launch event in Seongnam. He said Bluecrane was in talks with three domestic appliance makers and one European brand, though he declined to name them or disclose expected order volumes.",
                "Analysts said the move reflects a broader push by smaller Korean chip designers into edge computing, a segment where the large memory makers have a limited presence. \"The margins are thinner than in data centre chips, but the volumes can be enormous,\" said Jang Ye-rim, a semiconductor analyst at Hanul Securities. Bluecrane shares rose 6.2 percent on the news.",
            ],
            Section: "business",
            Subsection: "tech",
            Byline: "Choi Min-jae",
            SourceCredit: null,
            Tags: ["semiconductors", "artificial-intelligence", "appliances"],
            IsPremium: true,
            PublishedHoursAgo: 3,
            Correction: "Bluecrane Semiconductor, a fabless chip designer based in Pangyo, on Monday unveiled a neural processing unit for home appliances that it says consumes 24 percent less power than its previous generation. The company said the chip, called the Heron N2, will enter mass production in the third quarter through a contract manufacturer and ship in appliances early next year."),

        new DemoArticle(
            Key: "demo-003",
            Headline: "Busan Harbour FC snatch stoppage-time winner to climb into top three",
            Summary: "A header from substitute Lim Geon-woo sealed a 2-1 comeback against Incheon Tide in front of the club's biggest crowd of the season.",
            Paragraphs:
            [
                "Busan Harbour FC climbed into the top three of the top-flight table on Saturday after substitute striker Lim Geon-woo headed in a stoppage-time winner to complete a 2-1 comeback against Incheon Tide at Harbour Arena. The crowd of 31,400 was the club's largest of the season, and many supporters stayed long after the final whistle to sing the players off.",
                "Incheon had taken the lead in the 27th minute when winger Song Ha-jun curled a free kick over the wall and inside the near post. Busan dominated possession for long spells but struggled to break down a disciplined back line until midfielder Rafael Moura drove a low shot through a crowd of players to equalise in the 68th minute.",
                "Lim, who came on with 15 minutes remaining, rose above two defenders to meet a corner from captain Jeon Sang-wook in the third minute of added time. \"The coach told me to attack the near post and be brave,\" Lim said afterwards. \"I have been waiting all season for a moment like that, and I will remember it for the rest of my life.\"",
                "Busan manager Ko Hyun-seok praised his side's patience but warned against complacency ahead of a difficult midweek trip to Jeonju. Incheon, who have now lost three of their last four league matches, slipped to seventh place, two points outside the places that qualify for the championship round.",
            ],
            Section: "sports",
            Subsection: null,
            Byline: "Oh Seung-woo",
            SourceCredit: null,
            Tags: ["football", "busan", "incheon"],
            IsPremium: false,
            PublishedHoursAgo: 5,
            Correction: null),

        new DemoArticle(
            Key: "demo-004",
            Headline: "Editorial: Seoul's late-night bus network needs more than a fresh coat of paint",
            Summary: "The city's rebranded night buses still leave shift workers in outer districts waiting too long in the cold.",
            Paragraphs:
            [
                "Seoul City Hall this month unveiled a new livery and a catchy name for its late-night bus routes, complete with a mascot and a promotional video. The makeover is pleasant enough. But for the cleaners, nurses, delivery riders and convenience store clerks who depend on these buses, the colour of the vehicle matters far less than how often it turns up.",
                "According to the city's own figures, average waiting times on several routes serving Gangseo, Nowon and Geumcheon districts exceed 35 minutes after 1 a.m. On winter nights, that is a long time to stand at an unheated stop. Meanwhile, routes through central nightlife districts enjoy far more frequent service, largely because that is where ridership data is strongest.",
                "Ridership data, however, reflects existing service as much as underlying need. Workers who cannot rely on a bus simply stop trying, and take expensive taxis or sleep at their workplaces instead. The city should commission a proper survey of night-shift commuters, including those in outlying districts and neighbouring Gyeonggi cities, before redrawing the network.",
                "Extra buses and drivers cost money, and the city's transport budget is under strain. Yet a capital that prides itself on round-the-clock convenience should ensure that the people who keep it running can get home safely. A new paint job is a fine start. Shorter waits would be a far better finish.",
            ],
            Section: "opinion",
            Subsection: "editorial",
            Byline: null,
            SourceCredit: null,
            Tags: ["editorial", "public-transport", "seoul"],
            IsPremium: false,
            PublishedHoursAgo: 8,
            Correction: null),

        new DemoArticle(
            Key: "demo-005",
            Headline: "Stocks rebound as chipmakers rally on upbeat export data, foreigners return",
            Summary: "Foreign investors turned net buyers for the first time in six sessions, lifting the benchmark index and supporting the won.",
            Paragraphs:
            [
                "Seoul shares rebounded on Wednesday as chipmakers rallied on stronger-than-expected export figures, with the benchmark KOSPI closing up 1.8 percent at 2,684.31. Foreign investors were net buyers of 412 billion won worth of shares on the main bourse, snapping a five-session selling streak, while individual investors took profits after a recent run in small-cap biotech names.",
                "Large-cap semiconductor stocks led the gains after customs data showed chip exports in the first 20 days of the month rose 17 percent from a year earlier. Memory makers advanced between 3 and 5 percent, and equipment suppliers also climbed. \"The data suggests the inventory correction is largely behind us,\" said Kwak Seung-min, a strategist at Daeyang Investment.",
                "Not every sector joined the rally. Shipbuilders slipped on concerns about rising steel plate prices, and several online platform companies fell after a regulator signalled tougher scrutiny of fee structures. The tech-heavy KOSDAQ rose a more modest 0.6 percent, weighed down by profit-taking in secondary battery materials makers.",
                "The local currency strengthened 7.4 won to close at 1,352.6 per dollar, its strongest level in two weeks. Bond yields were little changed ahead of the central bank's rate decision next week, with most economists expecting policymakers to keep borrowing costs on hold while they monitor household lending.",
            ],
            Section: "finance",
            Subsection: "markets",
            Byline: "Lee Seo-yeon",
            SourceCredit: null,
            Tags: ["stocks", "kospi", "semiconductors", "exchange-rate"],
            IsPremium: false,
            PublishedHoursAgo: 10,
            Correction: "Seoul shares rebounded on Wednesday as chipmakers rallied on stronger-than-expected export figures, with the benchmark KOSPI closing up 1.3 percent at 2,684.31. Foreign investors were net buyers of 412 billion won worth of shares on the main bourse, snapping a five-session selling streak, while individual investors took profits after a recent run in small-cap biotech names."),

        new DemoArticle(
            Key: "demo-006",
            Headline: "Jeonju's night market vendors reinvent bibimbap for a new generation of visitors",
            Summary: "From grilled rice balls to torched-beef bowls, young stall owners are remixing the city's signature dish.",
            Paragraphs:
            [
                "On a Friday evening near Jeonju's hanok village, the queue at Kang Mi-rae's stall stretches past three neighbouring vendors. Her offering is bibimbap reimagined as a grilled rice ball, stuffed with seasoned bean sprouts, gochujang and a soft-cooked quail egg, then wrapped in toasted seaweed so it can be eaten while walking. She sells around 600 of them on a busy night.",
                "Kang is one of a growing number of vendors in their twenties and thirties who have set up at the city's weekend night market over the past two years. Many grew up in Jeonju, left for Seoul or abroad, and returned with ideas about how to package local flavours for visitors who want something quick, photogenic and affordable.",
                "Older restaurateurs have mixed feelings. \"Bibimbap is supposed to be mixed in a brass bowl and eaten slowly,\" said Jo Pil-soon, who has run a restaurant near the city's traditional market for 31 years. Still, she admits the stalls have brought new customers to the neighbourhood. \"Some of them come to me the next day to try the original.\"",
                "City officials say night market footfall has roughly doubled since last spring, helped by expanded express train services from Seoul. Visitors planning a trip should arrive before 7 p.m. to avoid the longest queues, bring cash for smaller stalls and leave room for the market's other crowd-pleaser: crispy mung bean pancakes filled with kimchi and pork.",
            ],
            Section: "lifestyle",
            Subsection: "travel-food",
            Byline: "Han Yu-jin",
            SourceCredit: null,
            Tags: ["food", "jeonju", "travel"],
            IsPremium: false,
            PublishedHoursAgo: 14,
            Correction: null),

        new DemoArticle(
            Key: "demo-007",
            Headline: "Rookie group NOVA LINE tops domestic streaming charts a week after debut",
            Summary: "The six-member act's title track has outperformed releases from several established groups on streaming platforms.",
            Paragraphs:
            [
                "NOVA LINE, a six-member boy group that debuted only last week, has reached the top of three major domestic music streaming charts with its title track \"Afterglow,\" a rare feat for a rookie act. The song has been streamed more than 18 million times across platforms, according to the group's agency, Lumen Square Entertainment.",
                "Built around a bright synth-pop hook and a bridge sung partly in Busan dialect, the track has spread rapidly through dance challenge videos. The group's choreography, which features a rippling wave formation in the final chorus, has been copied by thousands of fans and several older idols, helping the song reach listeners well beyond the usual K-pop audience.",
                "\"We practised that wave hundreds of times, and we still bump into each other sometimes,\" leader Yoo Jae-yoon said with a laugh during a showcase in Seoul's Mapo District. The members, aged 18 to 23, were selected through an online audition programme that drew more than 40,000 applicants last year.",
                "Industry watchers caution that early chart success does not guarantee longevity, noting that many rookie groups fade after their first comeback. Lumen Square said NOVA LINE will hold fan meetings in Daegu and Gwangju next month before a short tour of Japan and Southeast Asia planned for later in the year.",
            ],
            Section: "entertainment-arts",
            Subsection: "k-pop",
            Byline: "Seo Eun-ji",
            SourceCredit: null,
            Tags: ["k-pop", "music-charts", "idol-groups"],
            IsPremium: false,
            PublishedHoursAgo: 17,
            Correction: null),

        new DemoArticle(
            Key: "demo-008",
            Headline: "Rehabilitated spotted seal pups released back into the East Sea off Gangneung",
            Summary: "Three pups found stranded on beaches last winter were returned to the wild after months of care at a marine rescue centre.",
            Paragraphs:
            [
                "Three spotted seal pups that were found weak and underweight on beaches along the east coast last winter were released back into the sea off Gangneung on Thursday. Staff from a regional marine animal rescue centre carried the seals to the water's edge in crates as a small crowd of residents and schoolchildren watched from behind a rope line.",
                "The pups, nicknamed Dawn, Pebble and Mackerel by their caretakers, arrived at the centre weighing less than 10 kilograms each. Over five months, veterinarians treated them for dehydration and parasites before gradually teaching them to catch live fish in a large saltwater pool. Each now weighs more than 25 kilograms, which the team considers a healthy release weight.",
                "Small satellite tags glued to their fur will transmit location data for several months before falling off during the animals' annual moult. \"We want to know whether they head north with the wild population or stay near the coast,\" said veterinarian Pyo Seung-a. The data will help researchers understand how rescued animals adapt after release.",
                "Conservation groups say strandings have risen in recent years, possibly linked to changing sea temperatures and disturbance from beachgoers. The rescue centre urged anyone who spots a seal on the shore to keep at least 50 metres away, keep dogs on a leash and call the coast guard rather than attempting to move the animal.",
            ],
            Section: "national",
            Subsection: "environment-animals",
            Byline: "Ryu Ga-young",
            SourceCredit: null,
            Tags: ["wildlife", "marine-life", "gangneung"],
            IsPremium: false,
            PublishedHoursAgo: 21,
            Correction: null),

        new DemoArticle(
            Key: "demo-009",
            Headline: "Regional ministers agree to pilot shared early-warning system for typhoons",
            Summary: "Officials from six Asia-Pacific governments will link weather radar data and emergency alerts in a two-year trial.",
            Paragraphs:
            [
                "Disaster management ministers from six Asia-Pacific governments agreed on Friday to pilot a shared early-warning system for typhoons, linking weather radar feeds and mobile emergency alerts across borders for the first time. The two-year trial, announced at the close of a regional meeting in Manila, will begin ahead of the next storm season, officials said.",
                "Under the plan, participating meteorological agencies will share near-real-time radar and satellite data through a common platform, allowing forecasters in one country to track storms approaching from a neighbour's waters. A joint technical team will also work on standardising the wording and severity levels of public alerts, which currently vary widely from country to country.",
                "Delegates said the initiative was prompted by last year's unusually active season, when several storms intensified rapidly over warm seas and left coastal communities with little time to evacuate. \"A few extra hours of warning can be the difference between an orderly evacuation and a tragedy,\" a senior official involved in the talks said on condition of anonymity.",
                "The pilot will be funded through a mix of national contributions and a regional development fund, with an initial budget of roughly $38 million. Participants said they hoped to invite additional countries to join once the system's data-sharing protocols and cybersecurity safeguards had been tested in real storm conditions.",
            ],
            Section: "world",
            Subsection: "asia",
            Byline: null,
            SourceCredit: "Asia Pacific Press Service",
            Tags: ["typhoons", "disaster-response", "asia-pacific"],
            IsPremium: false,
            PublishedHoursAgo: 24,
            Correction: null),

        new DemoArticle(
            Key: "demo-010",
            Headline: "Hanmaru Motors to build battery recycling plant near Ulsan in bid to secure metals",
            Summary: "The carmaker says the facility will recover lithium, nickel and cobalt from used electric vehicle packs from 2028.",
            Paragraphs:
            [
                "Hanmaru Motors said on Tuesday it will invest 780 billion won in a battery recycling plant near Ulsan, joining a growing list of automakers seeking to secure supplies of critical metals closer to home. The facility, to be built with a domestic materials partner, is scheduled to begin operations in 2028 with capacity to process 50,000 tonnes of spent battery packs a year.",
                "Recovered lithium, nickel and cobalt will be refined into precursor materials and supplied to the company's battery partners, reducing reliance on imported raw materials. Hanmaru executives said recycled content could eventually account for about a fifth of the metals used in the company's electric vehicle batteries, depending on how quickly older vehicles reach the end of their service lives.",
                "\"Every battery we sell today is a mine we will own tomorrow,\" chief operating officer Kim Dae-sung told analysts on a conference call. He said the plant would also handle factory scrap from nearby cell plants, which would keep utilisation high during the early years before large volumes of end-of-life vehicles become available.",
                "Analysts welcomed the strategy but flagged execution risks, including volatile metal prices that can make recycling uneconomic when virgin materials are cheap. \"The logic is sound over a ten-year horizon, but the next three years could be bumpy,\" said Heo Ji-won of Cheonma Securities. Hanmaru shares closed 1.4 percent higher.",
            ],
            Section: "business",
            Subsection: "companies",
            Byline: "Kang Tae-hyun",
            SourceCredit: null,
            Tags: ["electric-vehicles", "batteries", "recycling", "ulsan"],
            IsPremium: true,
            PublishedHoursAgo: 28,
            Correction: null),

        new DemoArticle(
            Key: "demo-011",
            Headline: "Police bust voice-phishing ring that posed as prosecutors, arrest 23 suspects",
            Summary: "Investigators say the group targeted elderly victims with fake arrest warrants and spoofed phone numbers.",
            Paragraphs:
            [
                "Police in Incheon said on Monday they had dismantled a voice-phishing ring that impersonated prosecutors and financial regulators, arresting 23 suspects and seizing 2.1 billion won in cash and assets. The group is suspected of defrauding more than 170 victims, most of them in their sixties and seventies, over a period of about 14 months.",
                "According to investigators, callers told victims their bank accounts had been linked to a money-laundering case and that they would be arrested unless they transferred their savings to a so-called safe account for inspection. The ring used spoofed numbers that appeared to belong to a district prosecutors' office and sent victims forged arrest warrants through messaging apps.",
                "Police said the operation was run from call centres abroad, with local members recruited through online job ads to collect cash and move money through dozens of rented accounts. \"Some of the couriers believed they had taken a legitimate delivery job,\" said Superintendent Bae Jin-ho of the city police's financial crimes unit. \"Ignorance is not a defence, but it shows how these groups operate.\"",
                "Authorities reminded the public that prosecutors and police never ask citizens to transfer money or hand over cash during an investigation. Anyone receiving such a call should hang up and verify it directly with the agency concerned, police said, adding that banks can freeze suspicious transfers if they are notified quickly.",
            ],
            Section: "national",
            Subsection: "law-crime",
            Byline: "Nam Do-yun",
            SourceCredit: null,
            Tags: ["voice-phishing", "fraud", "police"],
            IsPremium: false,
            PublishedHoursAgo: 31,
            Correction: "Police in Incheon said on Monday they had dismantled a voice-phishing ring that impersonated prosecutors and financial regulators, arresting 23 suspects and seizing 1.2 billion won in cash and assets. The group is suspected of defrauding more than 170 victims, most of them in their sixties and seventies, over a period of about 14 months."),

        new DemoArticle(
            Key: "demo-012",
            Headline: "Daejeon Comets rookie pitcher throws seven scoreless innings in stunning debut",
            Summary: "Nineteen-year-old left-hander Seong Woo-jin struck out nine as the Comets shut out the Suwon Mariners 4-0.",
            Paragraphs:
            [
                "Nineteen-year-old left-hander Seong Woo-jin delivered one of the most impressive debuts in recent memory on Sunday, throwing seven scoreless innings as the Daejeon Comets blanked the Suwon Mariners 4-0. Seong allowed just three hits and a walk while striking out nine batters in front of a home crowd that chanted his name as he walked off the mound.",
                "The first-round draft pick relied heavily on a fastball that touched 151 kilometres per hour and a sharp slider that left several veteran hitters flailing. He retired the first 11 batters he faced before Suwon's cleanup hitter lined a single to centre field in the fourth inning, and he escaped his only real jam in the sixth with a double-play ball.",
                "\"I was so nervous I could barely feel my legs during warm-ups,\" Seong said. \"But once I threw the first pitch, it just felt like another game.\" Comets manager Yang Gi-tae said the team would manage the rookie's workload carefully and had no plans to push him beyond 100 pitches in any start this season.",
                "Offensively, Daejeon scored twice in the third inning on a bases-loaded double by catcher Min Kyung-ho and added two more on a home run by designated hitter Tyler Brandt in the eighth. The win lifted the Comets to within a game and a half of first place with six weeks of the regular season remaining.",
            ],
            Section: "sports",
            Subsection: null,
            Byline: "Baek Ju-won",
            SourceCredit: null,
            Tags: ["baseball", "daejeon", "rookies"],
            IsPremium: false,
            PublishedHoursAgo: 36,
            Correction: null),

        new DemoArticle(
            Key: "demo-013",
            Headline: "Household debt growth slows for third straight quarter, but mortgage demand lingers",
            Summary: "Tighter lending rules have cooled credit card and unsecured borrowing, while home loans in the capital region keep climbing.",
            Paragraphs:
            [
                "Growth in household debt slowed for a third consecutive quarter, official data showed on Thursday, as tighter lending rules curbed unsecured borrowing. Total household credit rose 0.7 percent from the previous quarter to a record 1,912 trillion won, compared with a 1.1 percent increase in the prior three months, though the overall burden remains among the highest in the developed world.",
                "The slowdown was driven largely by a decline in credit card balances and unsecured personal loans, which fell for the first time in over a year. Regulators began applying stricter debt-service ratio limits to a wider range of loans at the start of the year, making it harder for borrowers with high existing repayments to take on new credit.",
                "Mortgage lending, however, continued to expand, particularly in Seoul and surrounding Gyeonggi Province, where apartment prices have edged up again after last year's correction. \"The headline numbers look reassuring, but the composition tells a different story,\" said Ahn Hye-jin, chief economist at Seobu Research Institute. \"Debt is concentrating in housing, which is harder to unwind.\"",
                "Economists said the figures give policymakers little room to lower interest rates aggressively, despite sluggish domestic consumption. Financial authorities are expected to announce additional measures next month, possibly including lower loan-to-value caps for buyers of second homes in the capital region and stricter checks on loans used to pay jeonse rental deposits.",
            ],
            Section: "finance",
            Subsection: "economy",
            Byline: "Lee Seo-yeon",
            SourceCredit: null,
            Tags: ["household-debt", "mortgages", "economy"],
            IsPremium: true,
            PublishedHoursAgo: 40,
            Correction: null),

        new DemoArticle(
            Key: "demo-014",
            Headline: "[Column] What my grandmother's kimchi fridge taught me about energy policy",
            Summary: "Small, stubborn habits of thrift could do more for the power grid than another glossy national campaign.",
            Paragraphs:
            [
                "My grandmother owned two refrigerators: a regular one, which she treated as a minor appliance, and a kimchi fridge, which she treated as a member of the family. She knew exactly what sat on every shelf, opened it as rarely as possible and unplugged the regular fridge entirely during the winter months, when the veranda did the job for free.",
                "I thought of her last summer as officials urged households to conserve electricity during yet another heat wave. The public campaign featured celebrities, hashtags and a cheerful animated lightbulb. It was well made, yet I suspect it changed very little, because conservation rarely comes from a single moment of inspiration. It comes from habits, repeated thousands of times until they no longer feel like effort.",
                "My grandmother's thrift was not ideological. She had lived through years when electricity was expensive and unreliable, and she simply saw no reason to waste it. Today's pricing sends few such signals. Residential rates have been held down for years, and most households have little idea how much power their appliances use or when demand on the grid peaks.",
                "Better information would help: smart meters that show real-time costs, appliances with clearer labels, bills that compare a household with its neighbours. So would pricing that rewards people for shifting use to off-peak hours. None of this is glamorous. But a nation of people who think a little like my grandmother would need fewer power plants, and fewer hashtags.",
            ],
            Section: "opinion",
            Subsection: "columns",
            Byline: "Moon Hyeon-su",
            SourceCredit: null,
            Tags: ["energy", "conservation", "columns"],
            IsPremium: true,
            PublishedHoursAgo: 45,
            Correction: null),

        new DemoArticle(
            Key: "demo-015",
            Headline: "Running crews take over Seoul's riverside parks after dark, and not everyone is happy",
            Summary: "Organised evening runs along the Han River have become a social scene, and a source of friction with other park users.",
            Paragraphs:
            [
                "On weekday evenings, the paths along the Han River in Yeouido and Banpo fill with clusters of runners in matching shirts, moving in tight packs behind leaders carrying small speakers. Running crews, informal clubs that organise group runs through social media, have multiplied in Seoul over the past three years, with some now counting more than 500 members.",
                "For many participants, the appeal is as much social as athletic. \"I moved to Seoul for work and didn't know anyone,\" said Bae Ha-neul, a 29-year-old software tester who joined a crew in Mapo last year. \"Now I have friends I see three times a week, and I've run two half-marathons.\" Many crews end their runs with convenience store snacks or a shared meal.",
                "The boom has not pleased everyone. Cyclists and walkers complain that large groups block narrow paths, shout encouragement and play loud music. Several district offices have received enough complaints to post signs asking groups of more than five to run in single file, and some parks have introduced guidelines limiting group sizes during peak hours.",
                "Crew leaders say most clubs are trying to adapt, splitting into smaller groups and choosing quieter routes. \"We want to be good neighbours,\" said Cha Min-gyu, who runs a crew of about 300 people in Seongsu-dong. \"Running should make the city better, not more stressful.\" City officials are reviewing whether to designate dedicated running times on certain stretches.",
            ],
            Section: "lifestyle",
            Subsection: "trends",
            Byline: "Jung Da-bin",
            SourceCredit: null,
            Tags: ["running", "fitness", "han-river", "seoul"],
            IsPremium: false,
            PublishedHoursAgo: 50,
            Correction: null),

        new DemoArticle(
            Key: "demo-016",
            Headline: "Busan-set thriller 'Low Tide' sweeps audience award at regional film festival",
            Summary: "Director Woo Seon-mi's second feature, about a missing fisherman and a debt collector, heads to cinemas next month.",
            Paragraphs:
            [
                "\"Low Tide,\" a slow-burning thriller set among the fish markets and container yards of Busan, won the audience award at a regional film festival in Jeonju on Saturday, beating 11 other feature films in competition. The film, the second feature by director Woo Seon-mi, is scheduled for a nationwide theatrical release next month.",
                "The story follows a debt collector who arrives in a harbourside neighbourhood looking for a fisherman who has vanished with a large loan outstanding, only to find that the man's family and neighbours are hiding far more than his whereabouts. Much of the dialogue is in thick Gyeongsang dialect, which several festival viewers praised for its authenticity.",
                "Lead actor Hwang Do-kyung, best known for comic roles in television dramas, plays the collector with a stillness that surprised critics. \"I wanted someone audiences would instinctively trust, so that every doubt would feel like a betrayal,\" Woo said at a press conference after the ceremony. The cast and crew spent nearly four months shooting on location in Busan.",
                "The film was made on a modest budget of around 3 billion won, partly funded by a regional film commission that supports productions shot outside the capital. Its distributor said it would open on about 600 screens, a wide release by independent standards, on the strength of festival word of mouth.",
            ],
            Section: "entertainment-arts",
            Subsection: "films",
            Byline: "Shin Bo-ra",
            SourceCredit: null,
            Tags: ["film", "busan", "film-festivals"],
            IsPremium: false,
            PublishedHoursAgo: 56,
            Correction: null),

        new DemoArticle(
            Key: "demo-017",
            Headline: "Daejeon researchers develop saliva test that flags early gum disease in minutes",
            Summary: "A paper-strip test detects inflammatory markers linked to periodontitis, potentially bringing screening to pharmacies and clinics.",
            Paragraphs:
            [
                "Researchers at a Daejeon-based research institute have developed a paper-strip saliva test that can detect early signs of gum disease in about ten minutes, according to a study published this week. In clinical testing involving 1,200 adults, the strip correctly identified patients with early periodontitis in 87 percent of cases, comparable to screening by a dentist.",
                "The test works by detecting a combination of enzymes and inflammatory proteins that rise in saliva when the tissue around the teeth becomes infected. A user spits into a small cup, dips the strip and compares the colour that develops with a reference chart, or photographs it with a smartphone app that interprets the result automatically.",
                "\"Gum disease is extremely common, but many people don't see a dentist until they have pain or loose teeth, by which point treatment is more complicated,\" said lead researcher Dr. Gong Yeon-hee. \"Our goal is a cheap, simple test that people can take at a pharmacy or a public health centre and that tells them when to book an appointment.\"",
                "Independent experts called the results promising but noted that the study was conducted at a small number of sites and that false positives could lead to unnecessary visits. The team plans a larger multi-centre trial next year and is in talks with a domestic diagnostics company about commercialisation, which could happen within three years if regulators approve.",
            ],
            Section: "national",
            Subsection: "health-science",
            Byline: "Ryu Ga-young",
            SourceCredit: null,
            Tags: ["health", "dental-care", "research", "daejeon"],
            IsPremium: true,
            PublishedHoursAgo: 62,
            Correction: "Researchers at a Daejeon-based research institute have developed a paper-strip saliva test that can detect early signs of gum disease in about ten minutes, according to a study published this week. In clinical testing involving 420 adults, the strip correctly identified patients with early periodontitis in 87 percent of cases, comparable to screening by a dentist."),

        new DemoArticle(
            Key: "demo-018",
            Headline: "Hong Kong ferry operators trial electric vessels on outlying island routes",
            Summary: "Two battery-powered catamarans will carry passengers between Central and Lamma Island under a government-backed pilot.",
            Paragraphs:
            [
                "Two battery-powered catamarans began carrying passengers between Hong Kong's Central district and Lamma Island this week as part of a government-backed pilot to cut emissions from the city's ferry fleet. Each vessel can carry up to 200 passengers and recharge in about 20 minutes at a new shore-side charging station during scheduled stopovers.",
                "Operators say the electric ferries are quieter, produce no exhaust at the pier and cost less to run than diesel vessels, though they are considerably more expensive to buy. The pilot, which runs for 18 months, will collect data on battery performance in rough weather, charging reliability and maintenance costs before any decision on wider adoption.",
                "Early reaction from commuters has been positive. \"You can actually have a conversation on the upper deck now,\" said one regular passenger, a teacher who commutes from Lamma daily. Residents of the island, which has no cars, have long campaigned for cleaner transport, citing diesel fumes at the ferry pier and noise from older vessels.",
                "Marine engineers caution that longer routes to more distant islands may require larger batteries or hybrid designs. Officials said lessons from the pilot would inform the replacement of ageing vessels across several franchised routes over the next decade, and could be shared with other port cities in the region facing similar decisions.",
            ],
            Section: "world",
            Subsection: "scmp",
            Byline: null,
            SourceCredit: "Harbour City Post (partner content)",
            Tags: ["hong-kong", "ferries", "clean-energy"],
            IsPremium: false,
            PublishedHoursAgo: 68,
            Correction: null),

        new DemoArticle(
            Key: "demo-019",
            Headline: "Dasol Biologics wins approval to start late-stage trial of atopic dermatitis drug",
            Summary: "The Songdo biotech will test its injectable antibody on about 900 patients across Korea, Japan and Europe.",
            Paragraphs:
            [
                "Dasol Biologics, a biotechnology company based in Incheon's Songdo district, said on Wednesday it had received regulatory approval to begin a phase 3 clinical trial of its experimental antibody treatment for moderate to severe atopic dermatitis. The trial will enrol about 900 patients at hospitals in Korea, Japan and several European countries.",
                "The drug, known as DSB-204, targets a signalling protein involved in the itching and inflammation that characterise the chronic skin condition. In an earlier mid-stage trial, patients who received the treatment every eight weeks saw significant improvements in skin clearance and itch scores compared with placebo, the company said, with a safety profile it described as manageable.",
                "If successful, DSB-204 would enter a crowded market dominated by established global drugmakers. Dasol is betting on its less frequent dosing schedule as a point of difference. \"Patients, especially teenagers, tell us that injections every two weeks are a real burden,\" said chief medical officer Dr. Lee Ha-rin. \"Fewer clinic visits could make a meaningful difference to daily life.\"",
                "The company expects to report top-line results in about two and a half years and said it had enough cash to fund the trial through completion. Shares of Dasol, listed on the KOSDAQ, jumped 11 percent in early trading before paring gains to close 4.8 percent higher.",
            ],
            Section: "business",
            Subsection: "bio",
            Byline: "Kang Tae-hyun",
            SourceCredit: null,
            Tags: ["biotech", "clinical-trials", "dermatology"],
            IsPremium: false,
            PublishedHoursAgo: 74,
            Correction: null),

        new DemoArticle(
            Key: "demo-020",
            Headline: "Military to expand drone training for reservists under revised curriculum",
            Summary: "Reserve forces will receive hands-on instruction in small drone operation and counter-drone tactics starting next year.",
            Paragraphs:
            [
                "The defence ministry said on Monday it will expand drone training for reserve forces next year, adding hands-on instruction in operating small surveillance drones and countering hostile ones to the annual training curriculum. The change is part of a broader overhaul intended to make reserve training more relevant to modern battlefield conditions.",
                "Under the revised programme, reservists in selected units will spend at least four hours of their annual training operating quadcopters in simulated reconnaissance missions. Others will learn to identify and report small drones and use portable jamming equipment. Officials said the initial rollout would cover about 20 training centres, including sites near Daegu, Gwangju and Wonju.",
                "\"The lessons of recent conflicts are clear: small, cheap drones have changed how units move, hide and communicate,\" a ministry official told reporters during a briefing. \"Our reservists need to be familiar with these systems not just as users but as potential targets.\" The ministry plans to purchase several hundred training drones for the programme.",
                "Reservist advocacy groups welcomed the update but called for better compensation, noting that daily training allowances remain low. Some lawmakers also questioned whether the budget allocated for equipment and instructors was sufficient. The ministry said it would review the pilot's results before deciding whether to extend the drone curriculum to all reserve units.",
            ],
            Section: "national",
            Subsection: "defense",
            Byline: "Nam Do-yun",
            SourceCredit: null,
            Tags: ["defense", "drones", "reserve-forces"],
            IsPremium: false,
            PublishedHoursAgo: 80,
            Correction: null),

        new DemoArticle(
            Key: "demo-021",
            Headline: "Jeju hosts national junior swimming championships as new aquatics centre opens",
            Summary: "More than 1,100 swimmers aged 12 to 18 are competing at the island's first Olympic-size indoor venue.",
            Paragraphs:
            [
                "More than 1,100 young swimmers from across the country dived into competition on Saturday as the national junior swimming championships opened at a newly completed aquatics centre in Jeju City. The venue, which includes a 50-metre competition pool, a diving well and seating for 2,500 spectators, is the island's first Olympic-size indoor pool.",
                "The five-day event features swimmers aged 12 to 18 competing in age-group categories, with the top finishers earning places on national youth development squads. Coaches said the new facility had already attracted interest from teams on the mainland seeking winter training camps, when outdoor conditions elsewhere make sessions difficult.",
                "On the opening day, 16-year-old Na Seo-hyun of Gwangju set a junior championship record in the girls' 200-metre individual medley, touching the wall in 2 minutes, 13.48 seconds. \"The water felt fast and the crowd was loud, which helped,\" she said. In the boys' 100-metre freestyle, Incheon's Gil Jun-seo won in 50.92 seconds.",
                "Provincial officials said the aquatics centre, built at a cost of about 62 billion won, will be open to residents for lessons and lap swimming outside competition periods. They hope to bid for international age-group events in the coming years as part of a broader effort to promote sports tourism on the island.",
            ],
            Section: "sports",
            Subsection: null,
            Byline: null,
            SourceCredit: "Korea NewsWire",
            Tags: ["swimming", "jeju", "youth-sports"],
            IsPremium: false,
            PublishedHoursAgo: 87,
            Correction: null),

        new DemoArticle(
            Key: "demo-022",
            Headline: "Regulators tighten custody rules for virtual asset exchanges after wallet glitch",
            Summary: "Exchanges will have to keep a larger share of customer coins in offline storage and submit to quarterly audits.",
            Paragraphs:
            [
                "Financial regulators on Thursday announced tighter custody rules for virtual asset exchanges, requiring them to keep at least 90 percent of customer holdings in offline cold wallets and submit to quarterly external audits. The move comes three weeks after a mid-sized exchange suspended withdrawals for nearly two days because of what it described as a software glitch in its hot wallet system.",
                "Under the new rules, which take effect in six months, exchanges must also maintain insurance or reserves covering the full value of assets held in online wallets and report any suspension of deposits or withdrawals to regulators within one hour. Firms that fail to comply could face fines, business suspensions or the revocation of their operating licences.",
                "\"Investors deserve to know that their assets are there when they want them back,\" an official at the financial regulator told reporters. The exchange involved in the recent incident, which was not named in the announcement, has said no customer funds were lost and that all pending withdrawals have since been processed.",
                "Industry representatives said larger exchanges already meet most of the requirements, but smaller operators may struggle with the cost of audits and insurance. \"This could accelerate consolidation,\" said Yeom Jae-hoon, a fintech lawyer in Seoul. Bitcoin prices on domestic exchanges were little changed after the announcement, trading at a slight premium to global benchmarks.",
            ],
            Section: "finance",
            Subsection: "cryptocurrency",
            Byline: "Choi Min-jae",
            SourceCredit: null,
            Tags: ["cryptocurrency", "regulation", "exchanges"],
            IsPremium: true,
            PublishedHoursAgo: 94,
            Correction: null),

        new DemoArticle(
            Key: "demo-023",
            Headline: "Debut novel about a Mokpo ferry ticket clerk becomes an unlikely bestseller",
            Summary: "Author Yeo Soo-ah's quiet story of small kindnesses at a ticket window has found a devoted following through word of mouth.",
            Paragraphs:
            [
                "A quiet debut novel about a ticket clerk at a ferry terminal in Mokpo has become one of the surprise publishing hits of the year, selling more than 40,000 copies in three months with almost no marketing. \"The Ticket Window,\" by first-time author Yeo Soo-ah, has spent six consecutive weeks on a major bookstore chain's fiction bestseller list.",
                "The book follows Ok-ja, a clerk in her fifties who has spent three decades selling tickets to the islands off the southwest coast. Through brief exchanges at her window, readers meet fishermen, tourists, grieving families and runaway teenagers, and gradually learn about Ok-ja's own losses and the life she chose not to leave.",
                "Yeo, a former middle school teacher who grew up near Mokpo, said she wrote the novel over four years in the early mornings before work. \"I wanted to write about people who are always in the background of other people's stories,\" she said in an interview. \"Ticket clerks, cleaners, bus drivers. They see everything.\"",
                "Booksellers credit independent bookshops and online reading communities for the novel's rise. Several shops in Seoul and Gwangju hosted reading circles around the book, and readers have shared photographs of themselves at the Mokpo ferry terminal. The publisher has ordered a new print run and says translation rights are under discussion with publishers abroad.",
            ],
            Section: "lifestyle",
            Subsection: "books",
            Byline: "Han Yu-jin",
            SourceCredit: null,
            Tags: ["books", "fiction", "mokpo"],
            IsPremium: false,
            PublishedHoursAgo: 101,
            Correction: "A quiet debut novel about a ticket clerk at a ferry terminal in Mokpo has become one of the surprise publishing hits of the year, selling more than 14,000 copies in three months with almost no marketing. \"The Ticket Window,\" by first-time author Yeo Soo-ah, has spent six consecutive weeks on a major bookstore chain's fiction bestseller list."),

        new DemoArticle(
            Key: "demo-024",
            Headline: "Weekend drama about a Gangneung fishing family hits 12 percent viewer ratings",
            Summary: "'Salt Wind' has become the most-watched weekend series of the season despite a cast with no A-list stars.",
            Paragraphs:
            [
                "\"Salt Wind,\" a weekend drama about three generations of a fishing family in Gangneung, recorded nationwide viewer ratings of 12.4 percent for its latest episode, the highest of any weekend series this season, according to a ratings agency. The show has steadily gained viewers since its premiere, when it debuted at just 4.1 percent.",
                "The series centres on a widowed grandmother who runs a small boat and a seafood restaurant, her son who returns home after his Seoul business fails, and a granddaughter who wants to become a marine biologist. Its storylines tackle ageing fishing communities, declining catches and the pull between tradition and opportunity.",
                "Critics have praised the drama's naturalistic dialogue and location shooting along the east coast. \"It feels like watching real people, not characters delivering lines,\" wrote television critic Ham Yoo-jung. Veteran actor Bang Soon-ok, who plays the grandmother, has drawn particular acclaim for a monologue in episode eight that trended on social media for two days.",
                "The success has also brought visitors to Gangneung, where local officials report a rise in tourists seeking out the harbour and restaurant used as filming locations. The broadcaster has confirmed that the series will run for 32 episodes, and streaming rights have been sold to platforms in several Asian markets.",
            ],
            Section: "entertainment-arts",
            Subsection: "shows-dramas",
            Byline: "Shin Bo-ra",
            SourceCredit: null,
            Tags: ["k-drama", "tv-ratings", "gangneung"],
            IsPremium: false,
            PublishedHoursAgo: 108,
            Correction: null),

        new DemoArticle(
            Key: "demo-025",
            Headline: "Rural county offers free housing to young families in bid to reopen village school",
            Summary: "An elementary school in North Gyeongsang Province that closed for lack of pupils could reopen if enough families move in.",
            Paragraphs:
            [
                "A rural county in North Gyeongsang Province is offering young families five years of rent-free housing in renovated homes in an effort to reopen a village elementary school that closed four years ago for lack of pupils. County officials said they aim to attract at least 12 families with school-age children by next spring.",
                "The programme provides renovated traditional-style houses, a monthly childcare allowance and help finding work at local farms, food processors or the county office. Applicants must commit to living in the village for at least three years and enrol their children in the school once it reopens. Nearly 90 families from Seoul, Busan and Daegu have already applied.",
                "\"When the school closed, it felt like the village lost its heartbeat,\" said Go Mal-soon, 71, who has lived in the village her whole life. \"The only children we saw were grandchildren visiting during holidays.\" The village's population has fallen from more than 600 in the 1990s to about 180 today, most of them over 65.",
                "Experts on rural depopulation said the initiative was promising but cautioned that housing alone rarely keeps families in place without stable jobs and access to healthcare. The county plans to open a small public clinic and is negotiating with a regional bus company to add services to the nearest city. Selected families will be announced later this year.",
            ],
            Section: "national",
            Subsection: "society",
            Byline: "Kim Ha-eun",
            SourceCredit: null,
            Tags: ["depopulation", "rural-life", "education"],
            IsPremium: false,
            PublishedHoursAgo: 116,
            Correction: null),

        new DemoArticle(
            Key: "demo-026",
            Headline: "[Thoughts of the Times] Learning Korean at 60, one misheard word at a time",
            Summary: "A retired engineer finds that mistakes in a language classroom can be the start of unexpected friendships.",
            Paragraphs:
            [
                "When I retired to Busan to be near my daughter and her family, I promised myself I would learn Korean properly. I had picked up a few phrases on earlier visits, enough to order dumplings and thank the bus driver, but I wanted to talk to my grandchildren without relying on their patience or their English.",
                "The first months were humbling. At 60, my memory is not what it was, and Korean verb endings seemed to multiply every time I learned one. I once told a neighbour that her dog was very delicious when I meant to say it was very cute. She laughed so hard she had to sit down, and then invited me in for tea.",
                "That pattern has repeated itself more often than I can count. My mistakes have become introductions. The woman at the fruit stall now corrects my pronunciation every morning, the security guard in my building quizzes me on numbers, and my classmates at the community centre, many of them migrant workers and married immigrants, have become genuine friends.",
                "I am still far from fluent. I struggle with honorifics and cannot follow television dramas without subtitles. But I have learned that a language is not only a set of rules. It is an invitation to be awkward in public, to be forgiven, and to be welcomed. For that lesson alone, the effort has been worth it.",
            ],
            Section: "opinion",
            Subsection: "thoughts-of-the-times",
            Byline: "Graham Whitfield",
            SourceCredit: null,
            Tags: ["language-learning", "busan", "expat-life"],
            IsPremium: false,
            PublishedHoursAgo: 124,
            Correction: null),

        new DemoArticle(
            Key: "demo-027",
            Headline: "[Video] Inside a Gyeongju workshop keeping traditional lacquerware alive",
            Summary: "A third-generation craftsman shows the slow, layered process behind najeonchilgi, mother-of-pearl lacquerware.",
            Paragraphs:
            [
                "In a small workshop on the edge of Gyeongju, craftsman Yeon Byung-chul spends most of his day bent over a wooden box no larger than a shoebox, pressing slivers of mother-of-pearl into wet lacquer with a pair of tweezers. A single piece can take up to eight months to finish, he says, because each layer must dry slowly in a humid cabinet.",
                "Yeon is the third generation of his family to practise najeonchilgi, the Korean art of lacquerware inlaid with shell. In this video, he demonstrates how abalone shells are ground into thin sheets, cut into delicate patterns of cranes and plum blossoms, and fixed to the surface before being buried under successive coats of lacquer and polished to a deep shine.",
                "Demand for handmade lacquerware has declined as furniture and jewellery boxes have become mass-produced, and Yeon worries about who will continue the craft. He has taken on two apprentices, both in their twenties, and recently began selling smaller items such as pens and phone cases to reach younger buyers. \"The technique must survive even if the objects change,\" he says.",
            ],
            Section: "video",
            Subsection: "culture",
            Byline: "Jung Da-bin",
            SourceCredit: null,
            Tags: ["crafts", "gyeongju", "traditional-culture"],
            IsPremium: false,
            PublishedHoursAgo: 132,
            Correction: null),

        new DemoArticle(
            Key: "demo-028",
            Headline: "Ansan community centre launches bilingual homework clubs for migrant families",
            Summary: "Volunteer tutors help children from immigrant households keep up at school while their parents work late shifts.",
            Paragraphs:
            [
                "A community centre in Ansan, Gyeonggi Province, has launched after-school homework clubs offering bilingual support to children from migrant and multicultural families. The programme, staffed by volunteer tutors who speak Korean along with Vietnamese, Russian, Uzbek or Chinese, runs four evenings a week and currently serves about 140 children aged 7 to 15.",
                "Organisers say many of the children were born in Korea or arrived at a young age and speak Korean fluently in everyday conversation, but struggle with academic vocabulary, particularly in maths and science. Their parents, many of whom work long shifts at factories in nearby industrial complexes, often cannot help with homework or communicate easily with teachers.",
                "\"At home we speak Russian, at school Korean, and sometimes I feel like I'm in the middle of two rivers,\" said 13-year-old Alina, whose family moved from Kazakhstan six years ago. Her tutor, university student Dilnoza Karimova, said the clubs also give children a place to talk about identity and belonging, issues that rarely come up in class.",
                "The centre is funded through a mix of municipal grants and donations from local businesses, and organisers hope to expand to weekends next year. City officials said the programme could serve as a model for other areas with large migrant populations, and that they were exploring ways to train more bilingual tutors through partnerships with nearby universities.",
            ],
            Section: "national",
            Subsection: "multicultural-community",
            Byline: "Kwon Min-seo",
            SourceCredit: null,
            Tags: ["multicultural-families", "education", "ansan"],
            IsPremium: false,
            PublishedHoursAgo: 140,
            Correction: null),

        new DemoArticle(
            Key: "demo-029",
            Headline: "Sori Telecom tests next-generation base stations along Incheon's waterfront",
            Summary: "The mobile carrier says trial equipment delivered peak speeds several times faster than current networks in real-world conditions.",
            Paragraphs:
            [
                "Sori Telecom said on Tuesday it had completed a field trial of experimental next-generation base stations along Incheon's Songdo waterfront, achieving peak download speeds of 120 gigabits per second in real-world conditions. The carrier described the trial as a step toward future 6G networks, which the industry expects to begin commercial rollout around the end of the decade.",
                "The trial used high-frequency radio bands and advanced antenna arrays capable of steering beams toward individual devices. Engineers tested the equipment in challenging conditions, including heavy rain, sea fog and crowded public spaces during a weekend festival, to measure how signal quality held up as people and vehicles moved through the coverage area.",
                "\"Lab results are one thing, but customers live outdoors, in the rain, in crowds,\" said Noh Sang-hoon, head of network research at Sori Telecom. He said the company was particularly focused on reducing energy consumption, noting that current 5G base stations account for a significant share of carriers' operating costs.",
                "Industry analysts said Korean carriers are racing to demonstrate leadership in next-generation technology after early 5G services disappointed some consumers with patchy coverage. Sori said it plans further trials in Busan and Daejeon next year and will share its findings with international standards bodies developing specifications for 6G.",
            ],
            Section: "business",
            Subsection: "tech",
            Byline: "Choi Min-jae",
            SourceCredit: null,
            Tags: ["telecom", "6g", "incheon"],
            IsPremium: false,
            PublishedHoursAgo: 148,
            Correction: "Sori Telecom said on Tuesday it had completed a field trial of experimental next-generation base stations along Incheon's Songdo waterfront, achieving peak download speeds of 12 gigabits per second in real-world conditions. The carrier described the trial as a step toward future 6G networks, which the industry expects to begin commercial rollout around the end of the decade."),

        new DemoArticle(
            Key: "demo-030",
            Headline: "Gwangju Phoenix clinch women's volleyball regular-season title with straight-set win",
            Summary: "Outside hitter Moon Ha-yoon scored 22 points as the Phoenix secured home-court advantage for the playoffs.",
            Paragraphs:
            [
                "The Gwangju Phoenix clinched the women's professional volleyball regular-season title on Wednesday with a straight-set victory over the Cheongju Herons, winning 25-19, 25-21, 25-17 in front of a sold-out home crowd. The result gives the Phoenix home-court advantage throughout the playoffs with two matches of the regular season still to play.",
                "Outside hitter Moon Ha-yoon led the attack with 22 points, including four service aces, while middle blocker Ji Eun-seo added six blocks. Cheongju, who needed a win to keep their own title hopes alive, struggled with serve reception throughout and committed 24 errors across the three sets, compared with just 11 for Gwangju.",
                "\"We talked all week about staying calm and playing our own rhythm,\" Phoenix head coach Tak Jong-min said. \"The players executed that perfectly tonight.\" It is Gwangju's first regular-season title in seven years, capping a dramatic turnaround for a team that finished fifth last season.",
                "Moon, who returned this season after missing most of last year with a shoulder injury, is considered a front-runner for the regular-season most valuable player award. The Phoenix will rest key players in their final two matches before the championship series, which begins in about three weeks.",
            ],
            Section: "sports",
            Subsection: null,
            Byline: "Baek Ju-won",
            SourceCredit: null,
            Tags: ["volleyball", "gwangju", "womens-sports"],
            IsPremium: false,
            PublishedHoursAgo: 156,
            Correction: null),

        new DemoArticle(
            Key: "demo-031",
            Headline: "Noeul Air posts record quarterly profit on surge in Southeast Asia routes",
            Summary: "The low-cost carrier's operating profit jumped 38 percent as demand for short-haul leisure travel stayed strong.",
            Paragraphs:
            [
                "Noeul Air, a low-cost carrier based at Gimhae International Airport in Busan, reported a record quarterly operating profit on Tuesday, driven by strong demand on routes to Vietnam, Thailand and the Philippines. Operating profit for the latest quarter rose 38 percent from a year earlier to 86.2 billion won, while revenue climbed 21 percent to 512 billion won.",
                "The airline said passenger load factors on its Southeast Asian routes averaged 91 percent during the quarter, helped by school holidays and aggressive fare promotions. It added four new routes from Busan and Cheongju, including its first service to a secondary Vietnamese city, and took delivery of two fuel-efficient narrow-body aircraft.",
                "Lower jet fuel prices also helped margins, offsetting higher labour and airport costs. \"We are seeing travellers choose several short trips a year over one long holiday, and that plays to our strengths,\" chief financial officer Ma Jin-sook said on an earnings call. She said bookings for the next holiday period were already running ahead of last year.",
                "Analysts cautioned that competition on popular leisure routes is intensifying as rivals add capacity, which could pressure fares later in the year. A weaker won would also raise costs, since aircraft leases and fuel are priced in dollars. Noeul Air shares rose 5.3 percent following the results, extending their gain this year to about 30 percent.",
            ],
            Section: "finance",
            Subsection: "companies",
            Byline: "Lee Seo-yeon",
            SourceCredit: null,
            Tags: ["airlines", "earnings", "busan"],
            IsPremium: true,
            PublishedHoursAgo: 165,
            Correction: null),

        new DemoArticle(
            Key: "demo-032",
            Headline: "Vietnamese port city courts Korean manufacturers with new industrial zone",
            Summary: "Local officials toured Seoul and Changwon to pitch tax breaks and ready-built factories to small and mid-sized firms.",
            Paragraphs:
            [
                "A delegation of officials from a fast-growing port city in central Vietnam visited Seoul and Changwon this week to court Korean manufacturers for a new industrial zone, offering tax breaks, ready-built factory units and streamlined permits. The zone, which covers about 450 hectares near a deep-water container port, is scheduled to open its first phase next year.",
                "The delegation focused on small and medium-sized firms in electronics components, auto parts and machinery, sectors in which Korean companies have been expanding production in Southeast Asia to diversify supply chains and manage rising labour costs at home. Officials said about 30 Korean companies had signed non-binding letters of intent during the trip.",
                "\"Korean investors already know Vietnam well, but mostly the north and the south,\" a vice chairman of the city's people's committee said at an investment forum in Seoul. \"We want them to see that the central region has land, workers and ports, and fewer traffic jams.\" The audience laughed, and several executives later lined up to ask about power supply.",
                "Business groups said reliable electricity and skilled labour would be decisive factors. Some Korean firms in northern Vietnam experienced power shortages during recent heat waves, prompting concerns about grid capacity across the country. The delegation said the zone would have a dedicated substation and a vocational training centre run with a Korean technical college.",
            ],
            Section: "world",
            Subsection: "asia",
            Byline: "Yang Hye-won",
            SourceCredit: null,
            Tags: ["vietnam", "foreign-investment", "manufacturing"],
            IsPremium: false,
            PublishedHoursAgo: 174,
            Correction: null),

        new DemoArticle(
            Key: "demo-033",
            Headline: "Daegu's converted rail depot reopens as a weekend craft and food market",
            Summary: "A century-old freight warehouse now hosts ceramicists, coffee roasters and a rooftop garden.",
            Paragraphs:
            [
                "A disused railway freight depot near Daegu Station has reopened as a weekend market and cultural space after a two-year renovation, drawing more than 20,000 visitors on its opening weekend. The brick warehouse, built in the 1920s, now houses about 80 stalls selling handmade ceramics, leather goods, local coffee and snacks, along with a small exhibition hall and a rooftop garden.",
                "Architects preserved the building's original timber trusses, rail tracks set into the floor and faded painted signs, while adding large skylights and a glass extension for events. \"We wanted visitors to feel the building's history rather than cover it up,\" said project architect Seok Ji-an, who grew up a few streets away and remembers freight trains rumbling past her school.",
                "Vendors are selected through a quarterly application process that favours makers from Daegu and North Gyeongsang Province. Among them is ceramicist Pyo Na-rae, whose speckled mugs sold out within hours on Saturday. \"I used to sell only online,\" she said. \"Here, people pick up the cups, turn them over and ask questions. It's a completely different relationship.\"",
                "The market runs from 11 a.m. to 8 p.m. on Saturdays and Sundays, with live music on the rooftop in the evenings. Organisers recommend using public transport, as parking nearby is limited, and say they plan to add weekday workshops in pottery, bookbinding and natural dyeing from next month.",
            ],
            Section: "lifestyle",
            Subsection: "around-town",
            Byline: "Jung Da-bin",
            SourceCredit: null,
            Tags: ["daegu", "markets", "urban-regeneration"],
            IsPremium: false,
            PublishedHoursAgo: 183,
            Correction: null),

        new DemoArticle(
            Key: "demo-034",
            Headline: "Musical revival brings the story of a 1970s Incheon textile mill to the Seoul stage",
            Summary: "'Threads' returns with a new cast and a reworked second act that gives voice to the mill's youngest workers.",
            Paragraphs:
            [
                "\"Threads,\" an original musical about young women working at a textile mill in Incheon during the 1970s, opened a revival run at a theatre in Seoul's Daehangno district on Friday. First staged a decade ago on a tiny budget, the production returns with a new cast, a larger orchestra and a substantially rewritten second act.",
                "The story follows four teenage girls who leave their rural hometowns to work long shifts at the mill, sending most of their wages to families back home. Over the course of a year, they form deep friendships, attend night school and eventually organise to demand safer working conditions, at considerable personal cost.",
                "Writer and composer Eom Ga-eun said she revised the second act after hearing from audience members whose mothers and grandmothers had worked in similar factories. \"People kept telling me the real stories were funnier and sadder than anything I had written,\" she said. The new version includes a song built around a letter a former mill worker sent to the production.",
                "Early reviews have been warm, with critics singling out newcomer Sim Ye-eun as the youngest of the four girls. The production runs for ten weeks and offers Korean and English surtitles at selected performances. A touring version is planned for Busan, Daegu and Incheon next year.",
            ],
            Section: "entertainment-arts",
            Subsection: "theater-others",
            Byline: "Shin Bo-ra",
            SourceCredit: null,
            Tags: ["musicals", "theater", "daehangno"],
            IsPremium: false,
            PublishedHoursAgo: 192,
            Correction: null),

        new DemoArticle(
            Key: "demo-035",
            Headline: "Seoul city council approves pilot of four-day work week at municipal agencies",
            Summary: "About 1,500 employees at selected departments will work 32 hours a week for six months, with pay unchanged.",
            Paragraphs:
            [
                "The Seoul city council on Friday approved a six-month pilot that will allow about 1,500 employees at selected municipal agencies to work a four-day, 32-hour week without a reduction in pay. The trial, scheduled to begin in the new year, will include staff at welfare offices, cultural facilities and several administrative departments, but not emergency services.",
                "Supporters argue the pilot could improve productivity and help the city recruit and retain younger public servants, many of whom have left for private-sector jobs offering more flexible conditions. Participating departments will be required to maintain existing service hours, in some cases by staggering staff schedules so that offices remain open five days a week.",
                "Opposition council members criticised the plan as a costly experiment, warning that residents could face longer waits for services. \"Before we give ourselves Fridays off, we should make sure citizens aren't the ones who pay for it,\" said councillor Pi Sang-cheol during the debate. The measure passed by 61 votes to 38.",
                "The city said an independent research team would measure outcomes including service response times, sick leave, overtime and employee satisfaction. Several other local governments, including Gyeonggi cities and Jeju Province, have said they will watch the results closely before deciding whether to launch similar trials of their own.",
            ],
            Section: "national",
            Subsection: "politics",
            Byline: "Kim Ha-eun",
            SourceCredit: null,
            Tags: ["seoul", "four-day-week", "local-government"],
            IsPremium: false,
            PublishedHoursAgo: 201,
            Correction: null),

        new DemoArticle(
            Key: "demo-036",
            Headline: "Exports rise for fifth straight month as semiconductor shipments recover",
            Summary: "Outbound shipments grew 8.6 percent on-year, with chips, ships and cars leading the gains.",
            Paragraphs:
            [
                "Exports rose for a fifth consecutive month, driven by a recovery in semiconductor shipments and strong demand for ships and automobiles, trade ministry data for last month showed on Saturday. Outbound shipments increased 8.6 percent from a year earlier to $58.9 billion, while imports fell 3.2 percent to $53.1 billion, producing a trade surplus of $5.8 billion.",
                "Semiconductor exports jumped 24 percent on-year, reflecting higher memory chip prices and robust demand for products used in artificial intelligence servers. Ship exports surged on deliveries of liquefied natural gas carriers ordered two years ago, while car exports rose on strong sales of hybrid and electric models in North America and Europe.",
                "By destination, exports to the United States and Southeast Asia reached record highs for the month, while shipments to China rose modestly for the first time in several months. Exports of petroleum products and steel declined, weighed down by lower global prices and weak construction demand in major markets.",
                "Economists said the data supported expectations of a gradual recovery in economic growth, though they warned that domestic consumption remained sluggish and that trade tensions between major economies posed risks. The trade ministry said it would expand export financing and marketing support for small and medium-sized companies that have benefited less from the recovery in chips.",
            ],
            Section: "finance",
            Subsection: "economy",
            Byline: null,
            SourceCredit: "Korea NewsWire",
            Tags: ["exports", "trade", "semiconductors"],
            IsPremium: false,
            PublishedHoursAgo: 210,
            Correction: null),

        new DemoArticle(
            Key: "demo-037",
            Headline: "[Letter] Jeonju's bike lanes need real protection, not just a stripe of paint",
            Summary: "A daily cyclist argues that painted lanes shared with parked cars and delivery scooters are worse than no lanes at all.",
            Paragraphs:
            [
                "I cycle to work in Jeonju every day, about six kilometres each way, and I read with interest your recent report on the city's plan to add 40 kilometres of new bike lanes. More lanes are welcome in principle. But having ridden on the existing ones for three years, I would urge officials to focus on quality rather than length.",
                "Most of the current lanes are simply painted strips at the edge of the road. On any given morning, I pass parked delivery trucks, taxis waiting for passengers and scooters using the lane as a shortcut. Each obstacle forces me out into traffic, often beside buses. Several times a week, I have a near miss that leaves my heart pounding.",
                "Cities that have successfully increased cycling did so by physically separating bikes from cars with kerbs, planters or bollards, and by connecting lanes into a continuous network. A painted lane that disappears at every intersection gives a false sense of security to new cyclists, who are precisely the people the city hopes to attract.",
                "I understand that protected lanes cost more and may mean removing some parking. But if Jeonju is serious about cleaner air and healthier residents, it should build fewer kilometres, build them properly and enforce the rules against blocking them. I suspect many more people would ride if they felt safe doing so.",
            ],
            Section: "opinion",
            Subsection: "letter-to-the-editor",
            Byline: "Cho Eun-bi",
            SourceCredit: null,
            Tags: ["cycling", "jeonju", "urban-planning"],
            IsPremium: false,
            PublishedHoursAgo: 219,
            Correction: null),

        new DemoArticle(
            Key: "demo-038",
            Headline: "[Photo] Cherry blossoms draw weekend crowds to Jinhae's Yeojwacheon stream",
            Summary: "Visitors packed the stream-side paths as the blossoms reached full bloom earlier than usual this year.",
            Paragraphs:
            [
                "Visitors stroll beneath cherry blossoms in full bloom along Yeojwacheon stream in Jinhae, Changwon, South Gyeongsang Province, on Sunday. The blossoms peaked several days earlier than the long-term average this year following an unusually warm spell, according to weather officials, prompting organisers to bring forward some events at the city's annual spring festival.",
                "Local authorities estimated that more than 300,000 people visited the area over the weekend, with extra shuttle buses running from Changwon's main railway station and temporary parking set up at nearby schools. Police and volunteers managed crowd flow on the narrow wooden bridges over the stream, which are among the most photographed spots in the country during the season.",
                "Officials advised visitors planning to come later in the week to arrive early in the morning, when the paths are quieter and the light is soft, and to use public transport. Rain forecast for midweek is expected to bring down many of the petals, ending the peak viewing period for this year.",
            ],
            Section: "photos",
            Subsection: "photo-news",
            Byline: "Hwang Jae-min",
            SourceCredit: null,
            Tags: ["cherry-blossoms", "changwon", "spring"],
            IsPremium: false,
            PublishedHoursAgo: 227,
            Correction: null),

        new DemoArticle(
            Key: "demo-039",
            Headline: "Startup turns rice husks into biodegradable packaging for convenience store meals",
            Summary: "Gimje-based Hyeonmi Materials has signed a supply deal with a convenience store chain after years of pilot testing.",
            Paragraphs:
            [
                "Hyeonmi Materials, a startup based in Gimje, North Jeolla Province, has signed a deal to supply biodegradable food containers made from rice husks to a major convenience store chain, the company said on Monday. The containers will replace plastic trays used for ready-made lunch boxes at about 1,200 stores in the Honam and Chungcheong regions from early next year.",
                "Rice husks, the hard outer layer removed during milling, are usually burned or discarded by processing plants. Hyeonmi grinds the husks into a fine powder and binds them with a plant-based resin, producing sturdy trays that can be microwaved and that break down in industrial composting facilities within about three months, according to company tests.",
                "\"Farmers in this region produce more husks than they know what to do with,\" said founder and chief executive Do Seung-yeon, who started the company with two classmates from agricultural college. \"We are turning a waste problem into a resource, and creating jobs in a rural area at the same time.\" The company employs 46 people and plans to double its workforce next year.",
                "The containers currently cost about 15 percent more than conventional plastic, a gap Hyeonmi hopes to close as production scales up. Environmental groups welcomed the deal but noted that many municipalities lack composting facilities that can process the material. Hyeonmi is in talks with local governments about collection programmes and is raising a new round of funding.",
            ],
            Section: "business",
            Subsection: "companies",
            Byline: "Kang Tae-hyun",
            SourceCredit: null,
            Tags: ["startups", "packaging", "sustainability"],
            IsPremium: true,
            PublishedHoursAgo: 234,
            Correction: null),

        new DemoArticle(
            Key: "demo-040",
            Headline: "Gyeongju marathon course record falls as amateur field reaches an all-time high",
            Summary: "Kenya's Samuel Teriki won the men's race in 2:06:41 while a record 14,000 amateurs completed the full course.",
            Paragraphs:
            [
                "Samuel Teriki of Kenya broke the course record at the Gyeongju marathon on Sunday, crossing the finish line in 2 hours, 6 minutes and 41 seconds on a cool, still morning in the ancient capital. The previous record of 2:07:19 had stood for six years. Ethiopia's Hailu Bekele finished second, 23 seconds behind, after the pair ran together until the final two kilometres.",
                "In the women's race, Kenya's Ruth Chepngeno pulled away in the final five kilometres to win in 2:23:05. The top Korean finisher was Ha Ye-jin, who placed sixth in a personal best of 2:29:50, a time that put her within reach of a place on the national team. \"I wanted to prove I belong at this level,\" she said.",
                "Organisers said a record 14,000 amateur runners completed the full marathon, with thousands more taking part in the half-marathon and 10-kilometre races. The course, which passes royal tombs, lotus ponds and the shores of Bomun Lake, has become increasingly popular with recreational runners seeking a scenic race away from the crowded capital.",
                "The event also featured expanded medical support after several runners collapsed in warm conditions at a different race last year. Volunteers staffed 18 water stations and cooling points along the route, and organisers reported no serious incidents. The city said it would consider capping participation next year to prevent congestion on narrower sections.",
            ],
            Section: "sports",
            Subsection: null,
            Byline: "Baek Ju-won",
            SourceCredit: null,
            Tags: ["marathon", "gyeongju", "running"],
            IsPremium: false,
            PublishedHoursAgo: 240,
            Correction: null),
    ];
}
