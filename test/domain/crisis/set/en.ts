/** English texts (SMS spelling included). Format and labels: see ../labelled.ts. */
export const EN = String.raw`
I SI | i dont even want to be here anymore
I SI | all i want to do is die
I SI | honestly i just want to die
I SI | i really dont wanna be alive
I SI | im going to kill myself tonight
I SI | thinking about killing myself again
I SI | ive been thinking of ending my life
I SI | i have a plan this time
I SI | i keep thinking about how id do it. the bridge by the river
I SI | i want to end it
I SI | im ready to go. i just want it over
I SI | everyone would be happier if i was gone
I SI | nobody will have to worry about me after tonight
I SI | tonight is the night. im done
I SI | pills counted out on the table
I SI | thinking about driving my car off the road
I SI | gonna drive into a tree on the highway and be done
I SI | i wrote letters to my kids. tell them i loved them
I SI | this is goodbye. i love you all
I SI | my kids deserve better than me, they'll be fine once im gone
I SI | i wont be around much longer
I SI | by tomorrow i'll be gone for good
I SI | i bought a rope today
I SI | i have the gun loaded next to me
I SI | been cutting again and its deep this time
I SI | i cut myself last night and i want to do it again
I SI | i want to hurt myself so bad right now
I SI | kms
I SI | k.m.s
I SI | k m s fr
I SI | i want 2 dye
I SI | i wanna d1e
I SI | i want to d!e
I SI | gonna k1ll mys3lf
I SI | im su1c1dal
I SI | feelin suicidal tonite
I SI | having suicidal thoughts again and they're loud
I SI | i tried to kill myself last year and i feel like i'm there again
I SI | i keep thinking about overdosing on purpose
I SI | i have enough fent to not wake up and i'm thinking about it
I SI | if they take my kids im done. i wont keep living
I SI | if i lose custody there's no reason to live
I SI | cps took my babies. i dont want to live without them
I SI | without my kids i have nothing to live for
I SI | i'd rather be dead than lose my children
I SI | i just want to go to sleep and never wake up
I SI | i want to jump off the parking garage
I SI | standing on the bridge now
I SI | im sitting in the garage with the car running
I SI | i wish i was never born. i want out of this life
I SI | i want to stop existing
I SI | ready to die honestly
I SI | life isnt worth living anymore and i have a way to end it
I SI | i took the pills out and lined them up
I SI | everyone would be better off if i killed myself
I SI | u wont hear from me again after tonite
I SI | im so tired of being alive i want it to end
I SI | ive decided. i'm going to end it this weekend
I SI | i cant stop thinking about dying. i want to
I SI | want to unalive myself
I SI | suicide is all i think about
I SI | i dont wanna live no more
I OD | i shot up way too much and my chest feels weird
I OD | took too many pills i think. feel really weird
I OD | i think i od'd
I OD | my boyfriend od'd hes not breathing
I OD | my roommate is blue and wont wake up
I OD | gave her narcan twice and it's still not working
I OD | the narcan we gave him is not working at all
I OD | he's snoring weird and his lips are purple
I OD | i did a line and my heart is racing so fast i cant breathe
I OD | i think it was laced with fent i feel like im dying
I OD | my brother collapsed in the bathroom after using
I OD | she took a bunch of xanax with alcohol and wont respond
I OD | i mixed my suboxone with benzos and cant stay awake
I OD | theres blood everywhere and it wont stop
I OD | he's having a seizure after he smoked something
I OD | i drank a whole bottle and took my sleeping pills
I OD | my friend is foaming at the mouth
I OD | he's turning blue what do i do
I OD | cant wake my husband up. he used earlier
I CD | baby swallowed some of my methadone
I CD | my toddler got into my pills
I CD | my 2 yr old drank something under the sink
I CD | my son isn't breathing
I CD | my daughter fell and isnt waking up
I CD | he's hitting me and the baby
I CD | he's hurting my kids right now
I CD | my kids dad is drunk and driving with them in the car
I CD | i cant find my son anywhere
I CD | my baby is choking
I CD | my ex grabbed my daughter by the neck
I CD | he threw my son against the wall
I CD | my kids are alone and i'm locked up
I CD | i left the kids home alone and now im too high to drive back
I VA | i dont feel safe at home
I VA | im scared to go home tonight
I VA | he's hitting me
I VA | my husband is choking me
I VA | he says he's going to kill me
I VA | my ex is outside with a gun
I VA | he's trying to break the door down
I VA | i'm hiding in the bathroom from him
I VA | he wont let me leave the house
I VA | he punched me and took my phone
I VA | i'm going to kill him i swear
I VA | i want to fucking stab my landlord
I VA | im gonna hurt someone tonight
I VA | i feel like i could kill someone rn
I VA | my boyfriend put his hands on me again
I VA | not safe here. he's drunk and throwing things at me
I HE | help me
I HE | sos
I HE | please help me
I HE | i need help now
I HE | call 911 please
I HE | emergency
I HE | help help help
I HE | somebody please help
I TP | my husband says he wants to kill himself
I TP | my sister keeps talking about ending her life
I TP | my son told me he's suicidal
I TP | my friend is threatening to jump
I TP | my mom said she's going to take all her pills
I TP | my bf just texted me goodbye and wont answer
I TP | my daughter is cutting herself
I TP | my roommate said he has a gun and wants to die
P | i want to disappear
P | i want to disappear for a while
P | i just want to sleep forever
P | i cant take it anymore
P | i can't do this anymore
P | whats the point of anything
P | i hate myself so much
P | i'm worthless
P | im such a failure as a mom
P | everything is hopeless
P | nobody cares about me
P | i'm tired of fighting
P | i feel so empty
P | i give up
P | honestly whats even the point
P | i hate who i am
P | im a burden to everyone
P | i feel like i'm drowning and no one sees it
P | no way out of this
P | i'm so done with everything
P | i just want everything to stop
P | i'm so tired of life
P | it would be easier to not feel anything
P | i dont see a way forward
P | i want to run away and never come back
P | sometimes i wish i could just vanish
P | i feel numb all the time
P | i'm at the end of my rope
P | i keep crying i can't stop
P | i feel like giving up on everything
P | my kids would be better off with someone else
P | i'm a horrible mother they deserve better
P | i feel so alone i cant
P | i dont care what happens to me anymore
P | i hate my life
P | this life is too much
P | not sure how much longer i can keep going
P | i'm not ok
P | kms lol
P | i feel dead inside
C | i used last night
C | i relapsed
C | i drank last night after 6 months sober
C | slipped up this weekend
C | craving so bad today
C | i really want to use
C | my dealer texted me and im thinking about it
C | failed my ua
C | back to day 1
C | got high yesterday
C | been drinking again
C | i picked up again
C | urges are really strong today
C | i want to drink so bad
C | triggered after seeing my old friends
C | i have a bag and havent used it yet
C | smoked meth last night. im sorry
C | i bought pills off the street
C | the cravings are bad tonight
C | i'm scared i'm going to relapse
C | thinking about calling my old plug
C | had a few beers last night, dont tell my caseworker
C | my ua came back dirty
C | used this morning
C | I'm not suicidal just really exhausted
C | not gonna hurt myself but today sucks
K | 5
K | 4
K | 3
K | good
K | ok
K | doing ok today
K | fine thanks
K | pretty good actually
K | a little tired but good
K | rough day but im sober
K | 7 out of 10
K | im alright
K | tired lol
K | good thanks for checking
K | meh
K | could be better but hanging in there
K | went to my meeting today
K | at work ill text later
K | 2, kids were up all night
K | sober 90 days today!!
K | great day took the kids to the park
K | kinda stressed about court tomorrow
K | nervous about my hearing but ok
K | busy day. all good
K | yes
K | no
K | ok thx
K | 👍
K | 😊
K | all good here
K | i'm dying laughing at my son rn he's so funny
K | doing better than last week
K | stressed but managing
K | good, had my appointment
K | just woke up
K | not great, baby is sick
K | ok. tired from work
K | good went to group
K | sleeping better
K | 6 i guess
K | feeling blessed today
K | 3 kinda down but ok
K | my feet are killing me from work but im good
K | can we talk tomorrow
K | ok talk soon
K | better today thank you
K | all good, kids at school
K | im ok. busy with the kids
K | surviving lol
K | a lot on my plate but im ok
K | decent
`;
