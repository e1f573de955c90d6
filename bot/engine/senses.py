"""The engine's own words: how Russian questions ask for things. Content words (regions,
sectors, topics) come from the content file, places from the gazetteer.

Each set holds lemmas (pymorphy3 normal forms, ё written as е).
"""

from __future__ import annotations

from enum import StrEnum


class Asked(StrEnum):
    """What a question asks for."""

    PEOPLE = "people"  # how many people
    CONTRACTS = "contracts"  # how many contracts
    SUM = "sum"  # what sum of money
    VOLUME = "volume"  # what tonnage
    COUNT = "count"  # how many of something no figure counts (exhibitions, projects)
    PRODUCTS = "products"  # which products
    NAMES = "names"  # which institutions, companies, hospitals: names
    DATE = "date"  # when, what date
    COST = "cost"  # what it costs
    HOW_TO = "how_to"  # how to apply, sign up, take part
    WHERE_BUY = "where_buy"  # where to buy
    WHO_SIGNED = "who_signed"
    WHO_HEADS = "who_heads"  # who heads a region
    TERM = "term"  # for how long


# Asked kinds that a figure answers, and the measure of that figure.
MEASURE_OF: dict[Asked, str] = {
    Asked.PEOPLE: "patients",
    Asked.CONTRACTS: "contracts",
    Asked.SUM: "contract_sum",
    Asked.VOLUME: "supplies",
}
# Asked kinds the news never answers (no fact carries such a field).
NEVER_GIVEN = frozenset(
    {Asked.COUNT, Asked.NAMES, Asked.DATE, Asked.COST, Asked.HOW_TO, Asked.WHERE_BUY}
)

HOW_MANY = frozenset(
    {"сколько", "скольким", "число", "количество", "численность", "скока", "скоко", "скок"}
)
WHEN = frozenset({"когда", "дата", "датироваться"})
WHICH = frozenset({"какой", "каков", "название", "список", "перечень", "перечислить", "назвать"})
WHO = frozenset({"кто", "кем"})
WHERE = frozenset({"где", "куда", "откуда"})
HOW = frozenset({"как"})
WHAT = frozenset({"что", "чем"})
MODAL = frozenset({"можно", "нужно", "надо", "необходимо"})
PREVIOUS = frozenset(
    {
        "прежний",
        "предыдущий",
        "прошлый",
        "старый",
        "первый",
        "ранний",
        "ранее",
        "продолжать",
        "продолжение",
        "развивать",
        "развить",
    }
)

MONEY = frozenset(
    {"деньга", "деньги", "рубль", "сумма", "миллион", "миллиард", "млн", "млрд", "руб"}
)
WEIGHT = frozenset({"тонна", "объем", "килограмм", "кг", "центнер", "т"})
CONTRACT = frozenset({"контракт", "госконтракт"})
COST = frozenset({
    "стоить", "стоимость", "цена", "платный", "бесплатный", "бесплатно", "платить",
    "заплатить", "оплата", "оплачивать", "оплатить", "тариф", "расценка", "дорого", "дешево",
    "почем", "прайс", "потратить", "тратить", "затратить", "израсходовать", "расход",
    "затрата", "обойтись",
})  # fmt: skip
HOW_TO = frozenset({
    "записаться", "запись", "попасть", "оформить", "оформление", "заявка", "обратиться",
    "обращаться", "зарегистрироваться", "регистрация", "пожаловаться", "жалоба", "квота",
    "документ", "справка",
})  # fmt: skip
# Words that say more than the news («получили лечение» is not «вылечились»).
CURED = frozenset({"вылечить", "вылечиться", "излечить", "излечиться", "выздороветь", "исцелить"})
BUY = frozenset({"купить", "приобрести", "покупать", "продаваться", "магазин", "адрес", "заказать"})
SIGN = frozenset(
    {"подписать", "подписывать", "заключить", "заключать", "подписант", "подпись", "подписание"}
)
HEAD = frozenset({
    "глава", "губернатор", "руководитель", "возглавлять", "руководить", "управлять", "главный",
})  # fmt: skip
TERM = frozenset({"срок", "долго", "продолжительность", "действовать", "действие"})
YEARS = frozenset({"год", "лет"})
PRODUCT_CLASS = frozenset({"продукт", "продукция", "товар", "еда", "продовольствие"})
SUPPLY = frozenset({
    "поставлять", "поставить", "поставка", "привезти", "привозить", "везти", "отправлять",
    "отправить", "доставить", "доставлять", "продавать", "экспортировать", "вывозить",
})  # fmt: skip
# Nouns that name institutions, companies and the like: «какие больницы» asks for names.
INSTITUTION = frozenset({
    "больница", "клиника", "госпиталь", "поликлиника", "медучреждение", "учреждение",
    "компания", "предприятие", "фирма", "организация", "производитель", "поставщик",
    "музей", "театр", "школа", "вуз", "университет", "колледж", "институт", "магазин",
    "ферма", "хозяйство", "завод", "фабрика", "нко", "центр", "врач", "специалист",
})  # fmt: skip
# Nouns of places where a service is given or bought: a place adjective before one of
# them («московские больницы») names where it happens, not who moves.
HOST = frozenset({
    "больница", "клиника", "госпиталь", "поликлиника", "медучреждение", "стационар",
    "учреждение", "рынок", "прилавок", "магазин", "госзаказ", "закупка", "госзакупка",
    "бюджет", "ярмарка", "фестиваль",
})  # fmt: skip
# Nouns of what moves between a region and Moscow: «компании Пензы», «продукция Югры»
# (people are told by their animacy: «жители Москвы»).
MOVERS = frozenset({
    "компания", "предприятие", "фирма", "производитель", "поставщик", "продукция", "продукт",
    "товар", "поставка", "груз", "музей", "театр", "коллектив", "делегация", "экспонат",
})  # fmt: skip
# Words that open a follow-up: «а в Югре?», «и медицина?», «ещё про Пензу».
FOLLOW_UP = frozenset({"а", "и", "ну", "еще", "тоже", "также", "насчет", "про"})
# The gazetteer's id of Moscow: the other party of every agreement, never "another region".
MOSCOW_SUBJECT = "moscow"
# Words that stand for Moscow besides its own names in the gazetteer.
MOSCOW = ("столица", "столичный", "московский", "мэрия")
# What a stated figure counts, by the word after it (people are told by animacy).
UNIT_WORDS = {
    "контракт": "contract", "госконтракт": "contract", "человек": "person",
    "тонна": "tonne", "т": "tonne", "рубль": "rub", "руб": "rub",
}  # fmt: skip
# How a stated figure is meant, by the word before it: «больше 7000», «около 8 тысяч».
RELATIONS = {
    "больше": "gt", "более": "gt", "свыше": "gt", "минимум": "gt", "не менее": "gt",
    "большой": "gt", "меньше": "lt", "менее": "lt", "маленький": "lt", "максимум": "lt",
    "не более": "lt", "около": "about", "примерно": "about", "приблизительно": "about",
    "почти": "about", "порядка": "about",
}  # fmt: skip
# Scale words after a number: «7,8 тысяч», «2,8 млрд».
SCALE = {"тысяча": 1e3, "тыс": 1e3, "миллион": 1e6, "млн": 1e6, "миллиард": 1e9, "млрд": 1e9}
# Prepositions and what they make of the place after them.
SOURCE_PREPS = frozenset({"из", "от", "изо"})
PLACE_PREPS = frozenset({"в", "во", "на"})
ABOUT_PREPS = frozenset({"о", "об", "обо", "про", "насчет", "у", "по", "для", "между", "с", "со"})

# Every frame word above: they say how something is asked, never what about.
FRAME = (
    HOW_MANY | WHEN | WHICH | WHO | WHERE | MONEY | WEIGHT | CONTRACT | COST | HOW_TO | BUY
    | SIGN | HEAD | TERM | YEARS | PRODUCT_CLASS | SUPPLY | INSTITUTION | HOST
)  # fmt: skip
