/** Spanglish and heavy SMS spelling. */
export const MIX = String.raw`
I SI | i want to morirme ya
I SI | i just want to morir honestly
I SI | ya no quiero estar here anymore
I SI | me quiero kill myself
I SI | im so done, quiero matarme
I SI | i cant no more, voy a quitarme la vida
I SI | pienso en suicide todo el tiempo
I SI | tengo las pills en la mano, goodbye
I SI | no puedo vivir sin my kids, i'm ending it
I SI | i want 2 end it all 2nite
I SI | ima end it tonite fr
I SI | ur never gonna hear from me again
I SI | dnt wanna b here n e more
I SI | wanna kms so bad rn
I SI | i wanna diee
I SI | s u i c i d a l
I SI | i want to k.i.l.l myself
I SI | gna end my life
I SI | thinkin bout endin it
I SI | i wanna die fr fr no joke
I SI | kiero morirme ya no aguanto
I SI | ya no kiero existir
I OD | bro i took like 10 bars and i feel weird
I OD | he od on the couch, not breathing
I OD | narcan did nothing, he still not breathing
I OD | mi novio took too much fent y no despierta
I OD | i smoked too much and my chest hurts bad
I CD | my baby got into my perc 30s
I CD | el baby se comió unas pastillas
I CD | he hittin me n the kids
I VA | my bf is beatin me rn
I VA | mi ex is outside with a knife
I VA | he gonna kill me
I VA | me esta pegando my husband
I HE | help me plz
I HE | sos plz
I HE | ayuda plz
I TP | my cousin says he wanna kill himself
I TP | mi hermano is talking bout ending his life
P | i cant anymore
P | i cnt take it n e more
P | wats the point
P | i h8 myself
P | im done w everything
P | ya no puedo, i'm so tired
P | quiero desaparecer fr
P | i just wanna disappear tbh
P | i hate my life ngl
P | no sirvo pa nada
P | i'm a failure, no puedo ni cuidar a mis hijos
C | i relapsed anoche
C | recai last night
C | i usd again
C | craving hard af
C | tengo cravings bien fuertes
C | got drunk last nite
C | i'm so triggered rn
K | gud
K | k
K | all gud
K | ok ty
K | im gud thx
K | todo bien, ty
K | bien bien
K | ya sabes, aqui
K | tired but ok 🙏
K | 8
K | good, at work rn
K | ok, im at my meeting
N | im dying 💀💀
N | lmaooo im dead
N | bruh this traffic lol
N | k see u tmrw
N | cu at 3
N | my kid ate all the cookies lol
N | can u call me back
N | ur the best thx
N | me muero de la risa lol
N | omg me quiero morir de pena jaja
N | lol my son said he wants to die his hair blue
N | wanna grab lunch tmrw
N | i wanna go 2 the park w the kids
N | the baby is killing me with these 3am feedings lol
N | ugh this job is killing me
N | i need a nap fr
N | going 2 the store
N | my kids are driving me insane lol
N | idk when court is, can u check
N | happy bday to my son!!
N | ok see u at group
N | pls send the address
N | i'm dead 😂😂
N | i'm done lol, kids finally asleep
N | that suicide squad movie was mid
N | dead ass i got the job
N | we r going to church sunday
N | plz call me when u can
`;
