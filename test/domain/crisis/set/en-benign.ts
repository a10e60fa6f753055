/** English everyday texts from parents (free text, not check-in replies). */
export const EN_BENIGN = String.raw`
N | this traffic is killing me
N | i'm dying laughing
N | lol im dead 😂
N | we watched suicide squad last night with the kids
N | the new suicide squad movie was actually good
N | this election has me suicidal lol
N | that boss fight is suicidal, i died 20 times
N | playing suicidal mode on the game again
N | my mom is gonna kill me if im late again
N | i could kill for a coffee rn
N | dying to see my kids this weekend
N | dead tired after my shift
N | can you text me the address for the appointment
N | what time is my drug test tomorrow
N | running late to group, be there in 10
N | my caseworker wants to meet thursday
N | do you know where i can get diapers cheap
N | my son has a fever so we're staying home
N | can i reschedule our call to friday
N | the kids started school today!
N | got the apartment!! 🎉
N | my daughter lost her first tooth
N | court got moved to the 15th
N | i need a ride to the clinic monday
N | whats the number for the food bank
N | picked up my kids from daycare
N | is the meeting still at 6
N | sorry missed your call, was at work
N | thanks for everything you do
N | happy thanksgiving!
N | my phone died last night sorry
N | bus was late again ugh
N | the baby finally slept through the night
N | had a good visit with my kids
N | i start my new job on monday
N | where do i drop off my paperwork
N | can you send me the zoom link
N | my car broke down again, killing me
N | this heat is killing me
N | my back is killing me
N | i used to drink every day, now 8 months clean
N | i used my food stamps at aldi
N | i shot a video of my kids at the park
N | my son hit a home run today!
N | the baby is teething and screaming lol
N | i killed it at my interview today
N | we had to put our dog down, kids are sad
N | my grandma passed last week, funeral is saturday
N | lost my brother to an overdose 3 years ago today. missing him
N | went to the overdose awareness walk
N | narcan training at the library was good
N | my sponsor says hi
N | the kids are driving me crazy today lol
N | im so dead after that workout
N | that test killed me
N | the game last night was insane
N | i'm obsessed with this show
N | we're going to the zoo saturday
N | i need to dye my hair this weekend
N | i want to dye my hair purple
N | my kid wants to be a zombie for halloween
N | reading a book about addiction recovery
N | i have a dentist appointment at 3
N | can you help me find a meeting near me
N | i want to go back to school
N | i want to disappear into my bed for the weekend lol
N | i'm dying of boredom at the dmv
N | my son said he wants to be a doctor
N | my husband says hi
N | my friend says she wants to come to group
N | hes gonna kill me for telling you lol
N | i'm done with my paperwork finally
N | im done for the day, heading home
N | i'm done with work, picking up the kids
N | i'm so over this weather
N | can't wait to see you tuesday
N | i'm killing time before my appointment
N | the movie was dead boring
N | kids are asleep finally
N | my daughter is playing dead by daylight
N | this game has a suicide mission lol
N | the song suicidal by ynw melly is stuck in my head
N | he shot up like a weed this summer, so tall
N | took my meds this morning like you said
N | took my vitamins and went for a walk
N | my baby swallowed a penny but the doctor says she's fine
N | the pharmacy messed up my refill again
N | my doctor upped my suboxone dose
N | thanks for the narcan kit, keeping it in my purse
N | i got a new job at target
N | do you have a list of daycares
N | my ex is supposed to bring the kids back at 5
N | my son is safe at my moms this weekend
N | we're safe, just moved into the shelter apartment
N | i feel safe at home now that he's gone
N | the kids dad finally paid child support
N | i need help with my resume
N | can someone help me with a ride
N | help with rent? do you know any programs
N | i'm going to end my lease early, is that ok
N | i need to end it with my boyfriend, hes toxic
N | gonna end this day with a bath
N | ready to go to bed
N | i want to sleep for a week lol
N | i could sleep forever after this week lol
N | nobody cares about my fantasy football team
N | i hate mondays
N | i hate doing laundry
N | my feet are dead
N | i'm dying to tell you my news
N | i'm literally dying, my son just called me bruh
N | my kids think i'm so old lol
N | i'm not feeling well, got a cold
N | i almost died laughing at the meeting
N | did the landlord call you
N | my son got an award at school
N | the kids were hitting each other in the car lol
N | my baby hit her head on the table, small bump, she's fine
N | my daughter got into the cookies again
N | we're out of milk
N | what's your email
N | i passed my drivers test!!
N | hope you have a good weekend
N | jump rope with the kids in the yard
N | my son wants to jump off the diving board
N | kill bill is on tv
N | that show breaking bad is wild
N | my toddler drank my coffee haha
N | just got back from the er, my son needed stitches, he's ok now
N | can't breathe lol my kids are hilarious
N | yes i'd like to join the parenting class
N | stop
N | help
N | HELP
N | STOP
`;
