-- Sdelka schema version 2: the customer base.
-- customers is rebuilt with the full record and a stable integer num (the
-- search index's rowid: plain rowids may change on VACUUM). Columns that need
-- Go (search_doc, phone_norm) are filled by the migration's Go step
-- (repo/migrate_go.go), which also builds the FTS index.

CREATE TABLE regions (
    code    TEXT PRIMARY KEY,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('subject', 'country')),
    sort    INTEGER NOT NULL
) STRICT;
INSERT INTO regions (code, name_ru, name_en, kind, sort) VALUES
    ('01', 'Республика Адыгея', 'Republic of Adygea', 'subject', 0),
    ('02', 'Республика Башкортостан', 'Republic of Bashkortostan', 'subject', 1),
    ('03', 'Республика Бурятия', 'Republic of Buryatia', 'subject', 2),
    ('04', 'Республика Алтай', 'Altai Republic', 'subject', 3),
    ('05', 'Республика Дагестан', 'Republic of Dagestan', 'subject', 4),
    ('06', 'Республика Ингушетия', 'Republic of Ingushetia', 'subject', 5),
    ('07', 'Кабардино-Балкарская Республика', 'Kabardino-Balkar Republic', 'subject', 6),
    ('08', 'Республика Калмыкия', 'Republic of Kalmykia', 'subject', 7),
    ('09', 'Карачаево-Черкесская Республика', 'Karachay-Cherkess Republic', 'subject', 8),
    ('10', 'Республика Карелия', 'Republic of Karelia', 'subject', 9),
    ('11', 'Республика Коми', 'Komi Republic', 'subject', 10),
    ('12', 'Республика Марий Эл', 'Mari El Republic', 'subject', 11),
    ('13', 'Республика Мордовия', 'Republic of Mordovia', 'subject', 12),
    ('14', 'Республика Саха (Якутия)', 'Sakha (Yakutia) Republic', 'subject', 13),
    ('15', 'Республика Северная Осетия — Алания', 'Republic of North Ossetia–Alania', 'subject', 14),
    ('16', 'Республика Татарстан', 'Republic of Tatarstan', 'subject', 15),
    ('17', 'Республика Тыва', 'Tuva Republic', 'subject', 16),
    ('18', 'Удмуртская Республика', 'Udmurt Republic', 'subject', 17),
    ('19', 'Республика Хакасия', 'Republic of Khakassia', 'subject', 18),
    ('20', 'Чеченская Республика', 'Chechen Republic', 'subject', 19),
    ('21', 'Чувашская Республика', 'Chuvash Republic', 'subject', 20),
    ('22', 'Алтайский край', 'Altai Krai', 'subject', 21),
    ('23', 'Краснодарский край', 'Krasnodar Krai', 'subject', 22),
    ('24', 'Красноярский край', 'Krasnoyarsk Krai', 'subject', 23),
    ('25', 'Приморский край', 'Primorsky Krai', 'subject', 24),
    ('26', 'Ставропольский край', 'Stavropol Krai', 'subject', 25),
    ('27', 'Хабаровский край', 'Khabarovsk Krai', 'subject', 26),
    ('28', 'Амурская область', 'Amur Oblast', 'subject', 27),
    ('29', 'Архангельская область', 'Arkhangelsk Oblast', 'subject', 28),
    ('30', 'Астраханская область', 'Astrakhan Oblast', 'subject', 29),
    ('31', 'Белгородская область', 'Belgorod Oblast', 'subject', 30),
    ('32', 'Брянская область', 'Bryansk Oblast', 'subject', 31),
    ('33', 'Владимирская область', 'Vladimir Oblast', 'subject', 32),
    ('34', 'Волгоградская область', 'Volgograd Oblast', 'subject', 33),
    ('35', 'Вологодская область', 'Vologda Oblast', 'subject', 34),
    ('36', 'Воронежская область', 'Voronezh Oblast', 'subject', 35),
    ('37', 'Ивановская область', 'Ivanovo Oblast', 'subject', 36),
    ('38', 'Иркутская область', 'Irkutsk Oblast', 'subject', 37),
    ('39', 'Калининградская область', 'Kaliningrad Oblast', 'subject', 38),
    ('40', 'Калужская область', 'Kaluga Oblast', 'subject', 39),
    ('41', 'Камчатский край', 'Kamchatka Krai', 'subject', 40),
    ('42', 'Кемеровская область — Кузбасс', 'Kemerovo Oblast – Kuzbass', 'subject', 41),
    ('43', 'Кировская область', 'Kirov Oblast', 'subject', 42),
    ('44', 'Костромская область', 'Kostroma Oblast', 'subject', 43),
    ('45', 'Курганская область', 'Kurgan Oblast', 'subject', 44),
    ('46', 'Курская область', 'Kursk Oblast', 'subject', 45),
    ('47', 'Ленинградская область', 'Leningrad Oblast', 'subject', 46),
    ('48', 'Липецкая область', 'Lipetsk Oblast', 'subject', 47),
    ('49', 'Магаданская область', 'Magadan Oblast', 'subject', 48),
    ('50', 'Московская область', 'Moscow Oblast', 'subject', 49),
    ('51', 'Мурманская область', 'Murmansk Oblast', 'subject', 50),
    ('52', 'Нижегородская область', 'Nizhny Novgorod Oblast', 'subject', 51),
    ('53', 'Новгородская область', 'Novgorod Oblast', 'subject', 52),
    ('54', 'Новосибирская область', 'Novosibirsk Oblast', 'subject', 53),
    ('55', 'Омская область', 'Omsk Oblast', 'subject', 54),
    ('56', 'Оренбургская область', 'Orenburg Oblast', 'subject', 55),
    ('57', 'Орловская область', 'Oryol Oblast', 'subject', 56),
    ('58', 'Пензенская область', 'Penza Oblast', 'subject', 57),
    ('59', 'Пермский край', 'Perm Krai', 'subject', 58),
    ('60', 'Псковская область', 'Pskov Oblast', 'subject', 59),
    ('61', 'Ростовская область', 'Rostov Oblast', 'subject', 60),
    ('62', 'Рязанская область', 'Ryazan Oblast', 'subject', 61),
    ('63', 'Самарская область', 'Samara Oblast', 'subject', 62),
    ('64', 'Саратовская область', 'Saratov Oblast', 'subject', 63),
    ('65', 'Сахалинская область', 'Sakhalin Oblast', 'subject', 64),
    ('66', 'Свердловская область', 'Sverdlovsk Oblast', 'subject', 65),
    ('67', 'Смоленская область', 'Smolensk Oblast', 'subject', 66),
    ('68', 'Тамбовская область', 'Tambov Oblast', 'subject', 67),
    ('69', 'Тверская область', 'Tver Oblast', 'subject', 68),
    ('70', 'Томская область', 'Tomsk Oblast', 'subject', 69),
    ('71', 'Тульская область', 'Tula Oblast', 'subject', 70),
    ('72', 'Тюменская область', 'Tyumen Oblast', 'subject', 71),
    ('73', 'Ульяновская область', 'Ulyanovsk Oblast', 'subject', 72),
    ('74', 'Челябинская область', 'Chelyabinsk Oblast', 'subject', 73),
    ('75', 'Забайкальский край', 'Zabaykalsky Krai', 'subject', 74),
    ('76', 'Ярославская область', 'Yaroslavl Oblast', 'subject', 75),
    ('77', 'Москва', 'Moscow', 'subject', 76),
    ('78', 'Санкт-Петербург', 'Saint Petersburg', 'subject', 77),
    ('79', 'Еврейская автономная область', 'Jewish Autonomous Oblast', 'subject', 78),
    ('83', 'Ненецкий автономный округ', 'Nenets Autonomous Okrug', 'subject', 79),
    ('86', 'Ханты-Мансийский автономный округ — Югра', 'Khanty-Mansi Autonomous Okrug – Yugra', 'subject', 80),
    ('87', 'Чукотский автономный округ', 'Chukotka Autonomous Okrug', 'subject', 81),
    ('89', 'Ямало-Ненецкий автономный округ', 'Yamalo-Nenets Autonomous Okrug', 'subject', 82),
    ('90', 'Запорожская область', 'Zaporozhye Oblast', 'subject', 83),
    ('91', 'Республика Крым', 'Republic of Crimea', 'subject', 84),
    ('92', 'Севастополь', 'Sevastopol', 'subject', 85),
    ('93', 'Донецкая Народная Республика', 'Donetsk People''s Republic', 'subject', 86),
    ('94', 'Луганская Народная Республика', 'Luhansk People''s Republic', 'subject', 87),
    ('95', 'Херсонская область', 'Kherson Oblast', 'subject', 88),
    ('AZ', 'Азербайджан', 'Azerbaijan', 'country', 1000),
    ('AM', 'Армения', 'Armenia', 'country', 1001),
    ('BY', 'Беларусь', 'Belarus', 'country', 1002),
    ('VN', 'Вьетнам', 'Vietnam', 'country', 1003),
    ('DE', 'Германия', 'Germany', 'country', 1004),
    ('GE', 'Грузия', 'Georgia', 'country', 1005),
    ('IN', 'Индия', 'India', 'country', 1006),
    ('IR', 'Иран', 'Iran', 'country', 1007),
    ('IT', 'Италия', 'Italy', 'country', 1008),
    ('KZ', 'Казахстан', 'Kazakhstan', 'country', 1009),
    ('KG', 'Киргизия', 'Kyrgyzstan', 'country', 1010),
    ('CN', 'Китай', 'China', 'country', 1011),
    ('MD', 'Молдова', 'Moldova', 'country', 1012),
    ('MN', 'Монголия', 'Mongolia', 'country', 1013),
    ('AE', 'ОАЭ', 'United Arab Emirates', 'country', 1014),
    ('RS', 'Сербия', 'Serbia', 'country', 1015),
    ('TJ', 'Таджикистан', 'Tajikistan', 'country', 1016),
    ('TR', 'Турция', 'Turkey', 'country', 1017),
    ('UZ', 'Узбекистан', 'Uzbekistan', 'country', 1018),
    ('FI', 'Финляндия', 'Finland', 'country', 1019);

CREATE TABLE customer_groups (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT
) STRICT;

-- Suggestions for the free-text dictionary fields (industry, segment, lead source).
CREATE TABLE dict_items (
    kind      TEXT NOT NULL CHECK (kind IN ('industry', 'segment', 'lead_source')),
    name      TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    PRIMARY KEY (kind, name_fold)
) STRICT, WITHOUT ROWID;
INSERT INTO dict_items (kind, name, name_fold) VALUES
    ('industry', 'Оптовая торговля', 'оптовая торговля'), ('industry', 'Розничная торговля', 'розничная торговля'),
    ('industry', 'Производство', 'производство'), ('industry', 'Строительство', 'строительство'),
    ('industry', 'Транспорт и логистика', 'транспорт и логистика'), ('industry', 'ИТ и связь', 'ит и связь'),
    ('industry', 'Сельское хозяйство', 'сельское хозяйство'), ('industry', 'Услуги', 'услуги'),
    ('industry', 'Государственный сектор', 'государственный сектор'),
    ('segment', 'Крупный бизнес', 'крупный бизнес'), ('segment', 'Средний бизнес', 'средний бизнес'),
    ('segment', 'Малый бизнес', 'малый бизнес'), ('segment', 'Частные лица', 'частные лица'),
    ('lead_source', 'Сайт', 'сайт'), ('lead_source', 'Рекомендация', 'рекомендация'),
    ('lead_source', 'Выставка', 'выставка'), ('lead_source', 'Холодный звонок', 'холодный звонок'),
    ('lead_source', 'Реклама', 'реклама'), ('lead_source', 'Социальные сети', 'социальные сети'),
    ('lead_source', 'Повторное обращение', 'повторное обращение');

CREATE TABLE customers_v2 (
    id             TEXT PRIMARY KEY,
    num            INTEGER NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('company', 'person')),
    legal_form     TEXT NOT NULL DEFAULT '',
    name           TEXT NOT NULL,
    name_fold      TEXT NOT NULL,
    short_name     TEXT NOT NULL DEFAULT '',
    inn            TEXT NOT NULL DEFAULT '',
    kpp            TEXT NOT NULL DEFAULT '',
    ogrn           TEXT NOT NULL DEFAULT '',
    legal_address  TEXT NOT NULL DEFAULT '',
    postal_address TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    phone_norm     TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    website        TEXT NOT NULL DEFAULT '',
    bank_name      TEXT NOT NULL DEFAULT '',
    bic            TEXT NOT NULL DEFAULT '',
    account        TEXT NOT NULL DEFAULT '',
    corr_account   TEXT NOT NULL DEFAULT '',
    region_code    TEXT REFERENCES regions (code),
    industry       TEXT NOT NULL DEFAULT '',
    segment        TEXT NOT NULL DEFAULT '',
    group_id       TEXT REFERENCES customer_groups (id),
    lead_source    TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    owner_id       TEXT NOT NULL REFERENCES users (id),
    search_doc     TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at     TEXT
) STRICT;
INSERT INTO customers_v2 (id, num, kind, name, name_fold, inn, kpp, phone, email, note, owner_id, created_at, updated_at, version, deleted_at)
SELECT id, row_number() OVER (ORDER BY created_at, id), kind, name, name_fold, inn, kpp, phone, lower(email), note, owner_id,
       created_at, updated_at, version, deleted_at
FROM customers;
DROP TABLE customers;
ALTER TABLE customers_v2 RENAME TO customers;

-- One index per list order (keyset pages), plus the seller's and region's own lists.
CREATE INDEX customers_name ON customers (name_fold, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_inn_order ON customers (inn, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_created ON customers (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_updated ON customers (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_owner ON customers (owner_id, name_fold, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_region ON customers (region_code, name_fold, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_deleted ON customers (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX customers_inn ON customers (inn) WHERE inn <> '';
CREATE INDEX customers_phone ON customers (phone_norm) WHERE phone_norm <> '';
CREATE INDEX customers_email ON customers (email) WHERE email <> '';

CREATE VIRTUAL TABLE customer_fts USING fts5 (
    search_doc, content = 'customers', content_rowid = 'num', prefix = '2 3',
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TABLE tags (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    name_fold TEXT NOT NULL UNIQUE
) STRICT;
CREATE TABLE customer_tags (
    customer_id TEXT NOT NULL REFERENCES customers (id),
    tag_id      TEXT NOT NULL REFERENCES tags (id),
    PRIMARY KEY (customer_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_tags_tag ON customer_tags (tag_id, customer_id);

CREATE TABLE contacts (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    name        TEXT NOT NULL,
    position    TEXT NOT NULL DEFAULT '',
    birthday    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    preferred   TEXT NOT NULL DEFAULT '',
    is_primary  INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at  TEXT
) STRICT;
CREATE INDEX contacts_customer ON contacts (customer_id) WHERE deleted_at IS NULL;

-- Phones, e-mails and messengers of contacts; norm is NormalizePhone or the lower-cased e-mail.
CREATE TABLE contact_channels (
    contact_id  TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    kind        TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'messenger')),
    pos         INTEGER NOT NULL,
    value       TEXT NOT NULL,
    norm        TEXT NOT NULL,
    PRIMARY KEY (contact_id, kind, pos)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_channels_norm ON contact_channels (kind, norm) WHERE norm <> '';

CREATE TABLE interactions (
    id              TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    contact_id      TEXT REFERENCES contacts (id),
    kind            TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'note', 'visit')),
    at              TEXT NOT NULL,
    author_id       TEXT NOT NULL REFERENCES users (id),
    text            TEXT NOT NULL DEFAULT '',
    impression      TEXT NOT NULL DEFAULT '' CHECK (impression IN ('', 'positive', 'neutral', 'negative')),
    impression_note TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at      TEXT
) STRICT;
CREATE INDEX interactions_customer ON interactions (customer_id, at DESC, id DESC) WHERE deleted_at IS NULL;

CREATE TABLE service_requests (
    id             TEXT PRIMARY KEY,
    num            INTEGER NOT NULL UNIQUE,
    customer_id    TEXT NOT NULL REFERENCES customers (id),
    subject        TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    priority       TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    status         TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
    responsible_id TEXT REFERENCES users (id),
    opened_at      TEXT NOT NULL,
    due_date       TEXT NOT NULL DEFAULT '',
    resolved_at    TEXT,
    closed_at      TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at     TEXT
) STRICT;
CREATE INDEX service_requests_customer ON service_requests (customer_id, status);
CREATE INDEX service_requests_open ON service_requests (status, opened_at) WHERE status IN ('open', 'in_progress');
CREATE INDEX service_requests_responsible ON service_requests (responsible_id, status);

CREATE TABLE saved_filters (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    name        TEXT NOT NULL,
    filter_json TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at  TEXT,
    UNIQUE (user_id, name)
) STRICT;
