"""The controlled list of military ranks, and how lists write them.

One entry per rung, named in Ukrainian (the register's language), with its Russian and English
names, the abbreviations clerks use ("ст. л-т", "мл. с-т", "к-н"), the older Ukrainian ranks
(рядовий, прапорщик) and the Russian rung that Russian-language records put in its place
(ефрейтор for старший солдат), and the English names both armies' ranks have in English-language
lists (soldier, senior soldier, petty officer 2nd class, captain 3rd rank), abbreviated or not. The
category (rank and file, sergeants, officers, generals) is what the statistics of prisoners count.
Pure data and one lookup function.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rank:
    code: str  # "senior_lieutenant": stable, for statistics and exchange lists
    uk: str  # the name the register stores
    ru: str
    en: str
    category: str  # rank_and_file | sergeant | officer | general


# code | uk | ru | en | category (a line ending in | goes on after the next line's |), then
# the other spellings, comma-separated, on indented lines
_TABLE = """
recruit|рекрут|рекрут|recruit|rank_and_file
private|солдат|рядовой|private|rank_and_file
    рядовий,рядова,солдатка,сол-т,ряд.,soldier,private soldier,rank and file,ryadovoy
senior_private|старший солдат|ефрейтор|senior private|rank_and_file
    єфрейтор,ст. солдат,ст. сол-т,ст.солдат,lance corporal,private first class,corporal
    efreitor,efreytor,yefreytor,senior soldier
sailor|матрос|матрос|seaman|rank_and_file
    matros
senior_sailor|старший матрос|старший матрос|senior seaman|rank_and_file
    ст. матрос
junior_sergeant|молодший сержант|младший сержант|junior sergeant|sergeant
    мол. сержант,мол. с-т,мл. сержант,мл. с-т,молодша сержантка
sergeant|сержант|сержант|sergeant|sergeant
    с-т,сержантка
senior_sergeant|старший сержант|старший сержант|senior sergeant|sergeant
    ст. сержант,ст. с-т
chief_sergeant|головний сержант|главный сержант|chief sergeant|sergeant
    гол. сержант
staff_sergeant|штаб-сержант|штаб-сержант|staff sergeant|sergeant
    штаб сержант
master_sergeant|майстер-сержант|мастер-сержант|master sergeant|sergeant
    майстер сержант
senior_master_sergeant|старший майстер-сержант|старший мастер-сержант|
    |senior master sergeant|sergeant
chief_master_sergeant|головний майстер-сержант|главный мастер-сержант|
    |chief master sergeant|sergeant
petty_officer_2|старшина 2 статті|старшина 2 статьи|petty officer second class|sergeant
    старшина другої статті,старшина второй статьи
petty_officer_1|старшина 1 статті|старшина 1 статьи|petty officer first class|sergeant
    старшина першої статті,старшина первой статьи
chief_petty_officer|головний старшина|главный старшина|chief petty officer|sergeant
master_chief_petty_officer|головний корабельний старшина|главный корабельный старшина|
    |master chief petty officer|sergeant
    chief ship petty officer
sergeant_major|старшина|старшина|sergeant major|sergeant
    starshina
warrant_officer|прапорщик|прапорщик|warrant officer|sergeant
    пр-к,мічман,мичман,praporshchik,midshipman,michman
senior_warrant_officer|старший прапорщик|старший прапорщик|senior warrant officer|sergeant
    ст. прапорщик,старший мічман,старший мичман,senior midshipman,senior michman
junior_lieutenant|молодший лейтенант|младший лейтенант|junior lieutenant|officer
    мол. лейтенант,мол. л-т,мл. лейтенант,мл. л-т,second lieutenant
lieutenant|лейтенант|лейтенант|lieutenant|officer
    л-т,first lieutenant
senior_lieutenant|старший лейтенант|старший лейтенант|senior lieutenant|officer
    ст. лейтенант,ст. л-т,ст.л-т
captain|капітан|капитан|captain|officer
    к-н,кап.
captain_lieutenant|капітан-лейтенант|капитан-лейтенант|captain lieutenant|officer
major|майор|майор|major|officer
    м-р
lieutenant_colonel|підполковник|подполковник|lieutenant colonel|officer
    п/п-к,пп-к,підп-к,капітан 2 рангу,капитан 2 ранга,commander,captain 2 rank
colonel|полковник|полковник|colonel|officer
    п-к,капітан 1 рангу,капитан 1 ранга,captain 1 rank
naval_lieutenant_commander|капітан 3 рангу|капитан 3 ранга|lieutenant commander|officer
    captain 3 rank
brigadier_general|бригадний генерал|бригадный генерал|brigadier general|general
    коммодор,commodore,brigadier
major_general|генерал-майор|генерал-майор|major general|general
    контр-адмірал,контр-адмирал,rear admiral
lieutenant_general|генерал-лейтенант|генерал-лейтенант|lieutenant general|general
    віце-адмірал,вице-адмирал,vice admiral
colonel_general|генерал-полковник|генерал-полковник|colonel general|general
    адмирал
general|генерал|генерал армии|general|general
    генерал армії,адмірал,адмирал флота,general of the army,admiral
"""
_CYRILLIC_LOOKALIKES = str.maketrans("aceopxyikmABCEHKMOPTX", "асеорхуікмАВСЕНКМОРТХ")


# English abbreviations and ordinals, and the Latin transliterations of Ukrainian and Russian
# rank words, as English-language lists (the ICRC's among them) write them: one word each.
_LATIN_WORDS = {
    "pvt": "private", "pte": "private", "soldat": "private", "ryadovoy": "private",
    "riadovyi": "private", "ryadovyy": "private", "pfc": "private 1 class", "cpl": "corporal",
    "lcpl": "lance corporal", "l/cpl": "lance corporal", "sgt": "sergeant", "serzhant": "sergeant",
    "ssgt": "staff sergeant", "ssg": "staff sergeant", "msgt": "master sergeant",
    "msg": "master sergeant", "wo": "warrant officer", "po": "petty officer",
    "cpo": "chief petty officer", "lt": "lieutenant", "leytenant": "lieutenant",
    "leitenant": "lieutenant", "capt": "captain", "cpt": "captain", "kapitan": "captain",
    "maj": "major", "mayor": "major", "col": "colonel", "polkovnik": "colonel",
    "ltc": "lieutenant colonel", "podpolkovnik": "lieutenant colonel",
    "pidpolkovnyk": "lieutenant colonel", "brig": "brigadier", "gen": "general",
    "jr": "junior", "jnr": "junior", "mladshiy": "junior", "mladshii": "junior",
    "molodshyi": "junior", "sr": "senior", "snr": "senior", "starshiy": "senior",
    "starshii": "senior", "starshyi": "senior", "1st": "1", "first": "1", "2nd": "2",
    "second": "2", "3rd": "3", "third": "3", "of": "", "the": "",
}  # fmt: skip


def rank_key(text: str) -> str:
    """A written rank folded for lookup: case, ё, dots, hyphens, spaces and look-alikes; in
    Latin letters, abbreviations and ordinals too ("Sr. Lt." is "senior lieutenant")."""
    folded = text.lower().replace("ё", "е").replace("'", "").replace("ʼ", "")
    folded = re.sub(r"\b(ii|іі|другого|второго)\b", "2", folded)
    folded = re.sub(r"\b(iii|ііі|третього|третьего)\b", "3", folded)
    folded = re.sub(r"\b(i|і|першого|первого)\b", "1", folded)
    if re.search("[а-яіїєґ]", folded):
        folded = folded.translate(_CYRILLIC_LOOKALIKES)
        return re.sub(r"[\s.\-–—]+", " ", folded).strip()
    words = re.sub(r"[\s.,\-–—()]+", " ", folded).split()
    return " ".join(" ".join(_LATIN_WORDS.get(word, word) for word in words).split())


def _load() -> dict[str, Rank]:
    ranks: dict[str, Rank] = {}
    rank: Rank | None = None
    for line in _TABLE.strip().replace("|\n    |", "|").splitlines():
        if line.startswith(" "):
            assert rank is not None
            spellings = [s for s in line.split(",") if s.strip()]
        else:
            rank = Rank(*line.split("|"))
            spellings = [rank.uk, rank.ru, rank.en, rank.code.replace("_", " ")]
        for spelling in spellings:
            ranks.setdefault(rank_key(spelling), rank)
    return ranks


RANKS = _load()
