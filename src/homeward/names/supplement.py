"""What the names-translator dictionaries are silent on, completed by hand.

names-translator renders folk Ukrainian forms as they are (Хома stays Хома in Russian-language
records), so it never links them to the church forms Russian records use (Фома). The pairs below
are the etymological equivalents that onomastic references give for common Ukrainian folk forms
(NAMES-NOTES §4); each is a single name in two traditions. The Western forms are the English,
French and German forms of common names that passports and journalists use instead of a
transliteration (Alexander for Олександр); no transliteration table produces them.
"""

from typing import Final

# (Ukrainian, Russian): one name. Names names-translator already links are not repeated.
FOLK_GIVEN_NAMES: Final = (
    ("Панас", "Афанасий"), ("Опанас", "Афанасий"), ("Хома", "Фома"), ("Юхим", "Ефим"),
    ("Омелян", "Емельян"), ("Прокіп", "Прокопий"), ("Охрім", "Ефрем"), ("Гнат", "Игнат"),
    ("Явдоким", "Евдоким"), ("Мусій", "Моисей"), ("Мойсей", "Моисей"), ("Самійло", "Самуил"),
    ("Кіндрат", "Кондратий"), ("Лаврін", "Лаврентий"), ("Ничипір", "Никифор"),
    ("Яким", "Аким"), ("Гордій", "Гордей"), ("Дорофій", "Дорофей"), ("Карпо", "Карп"),
    ("Устим", "Устин"), ("Олекса", "Алексей"), ("Левко", "Лев"), ("Ярема", "Еремей"),
    ("Савелій", "Савелий"), ("Христина", "Кристина"), ("Параска", "Прасковья"),
    ("Йосип", "Осип"), ("Гаврило", "Гаврила"), ("Ярина", "Ирина"), ("Явдоха", "Евдокия"),
)  # fmt: skip

# (Western form, Ukrainian): one name.
WESTERN_GIVEN_NAMES: Final = (
    ("Alexander", "Олександр"), ("Alexandre", "Олександр"), ("Alexandra", "Олександра"),
    ("Andrew", "Андрій"), ("Catherine", "Катерина"), ("Katherine", "Катерина"),
    ("Eugene", "Євген"), ("Eugenia", "Євгенія"), ("George", "Георгій"),
    ("Gregory", "Григорій"), ("Helen", "Олена"), ("Helena", "Олена"), ("Jacob", "Яків"),
    ("Joseph", "Йосип"), ("Michael", "Михайло"), ("Nicholas", "Микола"), ("Paul", "Павло"),
    ("Peter", "Петро"), ("Stephen", "Степан"), ("Steven", "Степан"), ("Theodore", "Федір"),
    ("Basil", "Василь"), ("Simon", "Семен"), ("Mary", "Марія"), ("Sophie", "Софія"),
    ("Natalie", "Наталія"), ("Elizabeth", "Єлизавета"), ("Anne", "Анна"), ("Irene", "Ірина"),
)  # fmt: skip
