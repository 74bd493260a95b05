//! The phrase banks the generator composes answers from.
//!
//! Fragments may hold `{a|b|c}` (one alternative is chosen each time the fragment is used),
//! `{N}` (a count), `{P}` (a percentage) and `{Y}` (a year), so that a few hundred fragments
//! yield answers that rarely share long word sequences. Claims and reasons are clauses: a
//! sentence is `opener + claim [+ insert] [+ comma + reason] + stop`. The first
//! `ALIGNED_CLAIMS` claims and `ALIGNED_REASONS` reasons of a theme say the same thing in every
//! language, which is what lets a campaign be translated; English has more after them.

/// Claims and reasons with the same index say the same thing in every language up to here.
pub(crate) const ALIGNED_CLAIMS: usize = 3;
pub(crate) const ALIGNED_REASONS: usize = 2;

/// The stakeholder group codes of `agora_core::stakeholder::DEFAULT_GROUPS`, in that order;
/// `Theme::groups` weighs them in this order.
pub(crate) const GROUPS: [&str; 6] = [
    "government",
    "private-sector",
    "civil-society",
    "technical-community",
    "academic-community",
    "intergovernmental-organisation",
];

/// The consultation's questions: (id, weight in the corpus). Texts are in the crate docs.
pub(crate) const QUESTIONS: [(&str, u32); 3] = [("q1", 40), ("q2", 35), ("q3", 25)];

pub(crate) struct Lang {
    pub code: &'static str,
    /// Share of answers, in percent.
    pub weight: u32,
    /// Answer length relative to English (Chinese says as much in far fewer characters).
    pub density: f64,
    /// Whether words are separated by spaces (paraphrases work on words).
    pub spaced: bool,
    pub comma: &'static str,
    pub stop: &'static str,
    /// Sentence starts that take a claim; each ends with its own space or comma.
    pub openers: &'static [&'static str],
    /// Phrases added after a claim; each starts with its own separator.
    pub inserts: &'static [&'static str],
    /// Neutral whole sentences.
    pub fillers: &'static [&'static str],
    /// Whole sentences in which a respondent speaks of themselves.
    pub personal: &'static [&'static str],
    /// A campaign's call to action, whole sentences.
    pub calls: &'static [&'static str],
    /// A campaign's sign-off naming its sponsor, whole sentences.
    pub signatures: &'static [&'static str],
    /// Words that may stand for one another (the first of a group need not come first): a
    /// respondent's wording varies by them, and near-copies swap one or a few.
    pub paraphrases: &'static [&'static [&'static str]],
    /// Words after which one of `adverbs` may be inserted.
    pub modals: &'static [&'static str],
    pub adverbs: &'static [&'static str],
    /// UN M49 regions the language's respondents come from, with weights.
    pub regions: &'static [(&'static str, u32)],
}

pub(crate) struct Theme {
    pub id: &'static str,
    /// Index into `QUESTIONS`.
    pub question: usize,
    /// Relative size within its question.
    pub weight: u32,
    /// Weights of `GROUPS` among the theme's respondents.
    pub groups: [u32; 6],
    /// Per language of `LANGS`.
    pub claims: [&'static [&'static str]; 6],
    pub reasons: [&'static [&'static str]; 6],
}

pub(crate) const LANGS: [Lang; 6] = [
    Lang {
        code: "en",
        weight: 70,
        density: 1.0,
        spaced: true,
        comma: ", ",
        stop: ".",
        openers: &[
            "We believe that ",
            "In our view, ",
            "We {strongly|firmly} believe that ",
            "Our {organisation|association} {strongly|firmly} believes that ",
            "It is {essential|crucial|important|vital} that ",
            "{I|We} would like to stress that ",
            "{First|Second|Finally|Moreover|In addition}, ",
            "As {stated|noted|argued} in our {earlier|previous} submissions, ",
            "{Overall|On balance|In short}, ",
            "{I|We} {think|feel|consider} that ",
            "The consultation should recognise that ",
        ],
        inserts: &[
            " in particular for developing countries",
            " at the national, regional and global {levels|level}",
            " as {foreseen|set out} in paragraph {69|71|72} of the Tunis Agenda",
            " within the next {two|three|five} years",
            " in line with the WSIS+20 review",
            " {as a matter of priority|without further delay|step by step}",
            " {taking|bearing} into account the {N} contributions received since {Y}",
        ],
        fillers: &[
            "Thank you for the opportunity to {contribute|comment|respond} to this consultation.",
            "We {welcome|appreciate} the open format of this {consultation|process}.",
            "These comments are submitted on behalf of our {N} members.",
            "{Please|Kindly} find our {views|comments} below.",
            "We remain available for any {questions|follow-up|clarification}.",
            "Our views are based on {ten|twenty|many} years of work in this field.",
            "This answer reflects a discussion among our members held in {Y}.",
            "We have followed the WSIS process since {Y}.",
        ],
        personal: &[
            "As a {teacher|student|retired engineer|small business owner|librarian|nurse|software developer} in {Lagos|Manila|Leeds|Toronto|Pune|Nairobi|Sydney|Ohio}, I use the Internet every day for {work|my studies|my family}.",
            "I have {worked|volunteered} for {two|five|ten|fifteen} years with {a local|a community} network in my {town|region}.",
            "My {children|students|customers|neighbours} depend on an open Internet.",
            "I run a {small|family} {shop|company|cooperative} that sells {online|abroad} and {every|each} rule matters to us.",
            "Personally, I {attended|followed} the IGF {remotely|online|in person} in {Y}.",
            "Speaking for myself, I am {worried|concerned} about what happens next.",
            "I {first|only} heard about this consultation from a {friend|colleague|newsletter}.",
        ],
        calls: &[
            "{Please|I urge you to|We ask you to} {keep|protect|defend} {the open Internet|an open and free Internet|the Internet we all depend on}.",
            "{Do not|Never} let {a few|a handful of} {governments|companies|actors} decide for {everyone|all of us}.",
            "{Listen to|Hear} the {people|users|citizens} who {use|rely on} the Internet every day.",
            "{I|We} {call on|urge} the Secretary-General to {act|take action} {now|this year|without delay}.",
            "{Stand|Stand up} for {users|people|citizens} and {their|our} rights.",
            "The {decision|choice} you make will shape the Internet for {a generation|decades|years to come}.",
        ],
        signatures: &[
            "This {letter|message|statement} was {sent|submitted} through the {Open|Free|Global|People's|Digital} {Internet|Net|Web|Network} {Alliance|Coalition|Campaign|Initiative}, with {N} {supporters|signatories|members}.",
            "{Sent|Submitted} {on behalf of|together with} {N} {members|supporters} of {Access|Voices|Users|Citizens} for a {Fair|Free|Safe|Open} {Internet|Web|Net}.",
            "{Signed|Endorsed} by {N} {organisations|individuals|members} of the {Coalition|Alliance|Forum} for {Digital Rights|Digital Trust|Connectivity|Data Justice} in {Y}.",
            "{Join|Support} the {N} {people|citizens|users} who {signed|sent} this {message|letter} {with|through} {Net|Web|Data|Code} {Watch|Forward|Commons|Action}.",
        ],
        paraphrases: &[
            &["should", "must", "ought to"],
            &["essential", "crucial", "vital", "important", "key"],
            &["countries", "states", "nations"],
            &["ensure", "guarantee", "make sure"],
            &["model", "approach", "framework"],
            &["issues", "questions", "matters", "topics"],
            &["established", "created", "set up"],
            &["participation", "involvement", "engagement"],
            &["stakeholders", "actors", "parties"],
            &["clear", "explicit", "precise"],
            &["concrete", "tangible", "practical"],
            &["stable", "secure", "steady"],
            &["many", "numerous", "several"],
            &["rarely", "seldom", "hardly ever"],
            &["today", "now", "currently", "at present"],
            &["people", "users", "citizens", "individuals"],
            &["new", "additional", "fresh"],
            &["existing", "current", "present"],
            &["protect", "safeguard", "defend"],
            &["promote", "encourage", "foster"],
            &["improve", "strengthen", "reinforce"],
            &["rules", "norms", "provisions"],
            &["organisations", "organizations", "institutions"],
            &["recognise", "recognize", "acknowledge"],
            &["programmes", "programs", "schemes"],
            &["need", "require"],
            &["open", "free", "accessible"],
            &["keep", "preserve", "maintain"],
            &["urge", "ask", "call on"],
            &["every", "each"],
            &["support", "backing", "assistance"],
            &["large", "big", "major"],
            &["work", "efforts", "activities"],
        ],
        modals: &["should", "must", "could", "would", "can", "will"],
        adverbs: &[
            "really",
            "clearly",
            "also",
            "certainly",
            "indeed",
            "urgently",
            "still",
            "therefore",
        ],
        regions: &[
            ("021", 14),
            ("154", 10),
            ("155", 6),
            ("202", 14),
            ("034", 12),
            ("035", 8),
            ("053", 5),
            ("029", 3),
            ("419", 4),
            ("145", 4),
            ("030", 4),
            ("039", 3),
            ("151", 3),
            ("015", 3),
            ("009", 2),
        ],
    },
    Lang {
        code: "fr",
        weight: 10,
        density: 1.1,
        spaced: true,
        comma: ", ",
        stop: ".",
        openers: &[
            "Nous estimons que ",
            "À notre avis, ",
            "Nous {considérons|estimons} que ",
            "Notre organisation {considère|estime} que ",
            "Il est {essentiel|indispensable|important} que ",
            "{En outre|Par ailleurs|Enfin|Premièrement}, ",
            "Comme indiqué dans nos contributions {précédentes|antérieures}, ",
            "{Je|Nous} {pense|pensons} que ",
        ],
        inserts: &[
            " en particulier pour les pays en développement",
            " aux niveaux national, régional et mondial",
            " conformément au paragraphe {69|71} de l'Agenda de Tunis",
            " dans les {deux|trois|cinq} prochaines années",
            " {en priorité|sans tarder|progressivement}",
        ],
        fillers: &[
            "Nous vous remercions de {cette consultation|l'occasion de contribuer}.",
            "Ces commentaires sont présentés au nom de nos {N} membres.",
            "Nous restons à votre disposition pour toute {question|précision}.",
            "Nous suivons le processus du SMSI depuis {Y}.",
        ],
        personal: &[
            "Je suis {enseignant|étudiante|ingénieur|commerçant|bibliothécaire} à {Dakar|Lyon|Montréal|Abidjan|Tunis} et j'utilise Internet chaque jour.",
            "Je travaille depuis {deux|cinq|dix} ans avec un réseau communautaire de ma {ville|région}.",
            "Mes {enfants|élèves|clients} dépendent d'un Internet ouvert.",
            "À titre personnel, j'ai suivi le FGI {en ligne|à distance|sur place} en {Y}.",
        ],
        calls: &[
            "{Protégez|Défendez} un Internet {ouvert|libre} pour {tous|toutes et tous}.",
            "Ne laissez pas {quelques|une poignée de} {gouvernements|entreprises} décider pour tout le monde.",
            "{Écoutez|Entendez} les {citoyens|utilisateurs} qui utilisent Internet chaque jour.",
            "{Nous|Je} {demandons|demande} au Secrétaire général d'agir {maintenant|dès cette année}.",
        ],
        signatures: &[
            "Ce {message|courrier} a été envoyé par l'{Alliance|Initiative|Coalition} pour un Internet {libre|ouvert|équitable}, avec {N} {signataires|membres}.",
            "{Signé|Soutenu} par {N} {membres|citoyens} du Collectif {Numérique|Données|Réseaux} {Solidaire|Citoyen|Libre}.",
        ],
        paraphrases: &[
            &["doit", "devrait"],
            &["doivent", "devraient"],
            &["essentiel", "indispensable", "primordial", "important"],
            &["pays", "États", "nations"],
            &["garantir", "assurer"],
            &["nécessaire", "requis"],
            &["modèle", "cadre", "système"],
            &["questions", "enjeux", "sujets"],
            &["participation", "implication", "contribution"],
            &["clair", "précis", "explicite"],
            &["concrets", "tangibles", "pratiques"],
            &["mondial", "global", "international"],
            &["utilisateurs", "usagers", "internautes"],
            &["car", "parce que", "puisque"],
            &["renforcer", "consolider", "améliorer"],
            &["protéger", "préserver", "défendre"],
            &["règles", "normes"],
            &["ouvert", "libre", "accessible"],
            &["citoyens", "personnes"],
        ],
        modals: &["doit", "doivent", "devrait", "devraient", "pourrait"],
        adverbs: &["vraiment", "clairement", "aussi", "donc", "désormais"],
        regions: &[
            ("155", 45),
            ("202", 30),
            ("015", 15),
            ("029", 4),
            ("021", 6),
        ],
    },
    Lang {
        code: "es",
        weight: 8,
        density: 1.1,
        spaced: true,
        comma: ", ",
        stop: ".",
        openers: &[
            "Consideramos que ",
            "En nuestra opinión, ",
            "{Nuestra organización|Nuestro equipo} {cree|sostiene} que ",
            "Es {esencial|fundamental|importante} que ",
            "{Además|Por otra parte|Por último|En primer lugar}, ",
            "Como señalamos en contribuciones {anteriores|previas}, ",
            "{Creo|Creemos} que ",
        ],
        inserts: &[
            " en particular para los países en desarrollo",
            " a nivel nacional, regional y mundial",
            " conforme al párrafo {69|71} de la Agenda de Túnez",
            " en los próximos {dos|tres|cinco} años",
            " {con prioridad|sin demora|de forma gradual}",
        ],
        fillers: &[
            "Agradecemos la oportunidad de {participar|contribuir} en esta consulta.",
            "Estos comentarios se presentan en nombre de nuestros {N} miembros.",
            "Quedamos a su disposición para cualquier {consulta|aclaración}.",
            "Seguimos el proceso de la CMSI desde {Y}.",
        ],
        personal: &[
            "Soy {docente|estudiante|ingeniera|comerciante|bibliotecario} en {Bogotá|Lima|Madrid|Quito|Córdoba} y uso Internet todos los días.",
            "Trabajo desde hace {dos|cinco|diez} años con una red comunitaria de mi {ciudad|región}.",
            "Mis {hijos|alumnos|clientes} dependen de una Internet abierta.",
            "A título personal, seguí el IGF {en línea|a distancia|en persona} en {Y}.",
        ],
        calls: &[
            "{Protejan|Defiendan} una Internet {abierta|libre} para {todos|todas las personas}.",
            "No dejen que {unos pocos|un puñado de} {gobiernos|empresas} decidan por todos.",
            "{Escuchen|Atiendan} a los {ciudadanos|usuarios} que usan Internet cada día.",
            "{Pedimos|Pido} al Secretario General que actúe {ahora|este mismo año}.",
        ],
        signatures: &[
            "Este {mensaje|texto} fue enviado por la {Alianza|Iniciativa|Coalición} por una Internet {Libre|Abierta|Justa}, con {N} {firmantes|miembros}.",
            "{Firmado|Respaldado} por {N} {miembros|personas} de la Red {Digital|Ciudadana|de Datos} {Solidaria|Libre|Común}.",
        ],
        paraphrases: &[
            &["debe", "debería", "tiene que"],
            &["deben", "deberían", "tienen que"],
            &[
                "esencial",
                "fundamental",
                "imprescindible",
                "clave",
                "importante",
            ],
            &["países", "Estados", "naciones"],
            &["garantizar", "asegurar"],
            &["modelo", "marco", "sistema"],
            &["cuestiones", "temas", "asuntos"],
            &["participación", "implicación", "intervención"],
            &["claro", "preciso", "explícito"],
            &["concretos", "tangibles", "prácticos"],
            &["mundial", "global", "internacional"],
            &["usuarios", "internautas", "ciudadanos"],
            &["porque", "ya que", "puesto que"],
            &["fortalecer", "reforzar", "mejorar"],
            &["proteger", "preservar", "resguardar"],
            &["normas", "reglas"],
            &["abierta", "libre", "accesible"],
        ],
        modals: &["debe", "deben", "debería", "deberían", "podría"],
        adverbs: &["realmente", "claramente", "también", "por tanto"],
        regions: &[("419", 55), ("039", 30), ("029", 10), ("021", 5)],
    },
    Lang {
        code: "ru",
        weight: 4,
        density: 1.05,
        spaced: true,
        comma: ", ",
        stop: ".",
        openers: &[
            "Мы считаем, что ",
            "По нашему мнению, ",
            "{Наша организация|Наша ассоциация} {полагает|убеждена}, что ",
            "{Важно|Необходимо|Крайне важно}, чтобы ",
            "{Кроме того|Во-первых|Наконец}, ",
            "{Я|Мы} {думаю|думаем}, что ",
        ],
        inserts: &[
            " особенно для развивающихся стран",
            " на национальном, региональном и глобальном уровнях",
            " в соответствии с пунктом {69|71} Тунисской программы",
            " в ближайшие {два|три|пять} года",
        ],
        fillers: &[
            "Благодарим за возможность {принять участие|высказаться} в этой консультации.",
            "Эти замечания представлены от имени наших {N} членов.",
            "Мы следим за процессом ВВУИО с {Y} года.",
        ],
        personal: &[
            "Я {преподаватель|студент|инженер|предприниматель} из {Казани|Алматы|Минска|Новосибирска} и пользуюсь интернетом каждый день.",
            "Я уже {пять|десять|пятнадцать} лет работаю с местной сетью в своём {городе|регионе}.",
            "Мои {дети|студенты|клиенты} зависят от открытого интернета.",
        ],
        calls: &[
            "{Защитите|Сохраните} {открытый|свободный} интернет для всех.",
            "Не позволяйте {нескольким|горстке} {правительств|компаний} решать за всех.",
            "{Прислушайтесь к|Услышьте} {пользователям|гражданам}, которые пользуются интернетом каждый день.",
        ],
        signatures: &[
            "Это {письмо|обращение} отправлено через {Альянс|Коалицию|Инициативу} за {свободный|открытый} интернет, {N} {подписантов|участников}.",
            "{Подписано|Поддержано} {N} {участниками|гражданами} сети «{Цифровое|Открытое} {будущее|общество}».",
        ],
        paraphrases: &[
            &["должны", "обязаны"],
            &["важно", "существенно"],
            &["стран", "государств"],
            &["обеспечить", "гарантировать"],
            &["вопросы", "проблемы", "темы"],
            &["участие", "вовлечённость"],
            &["чёткие", "ясные", "понятные"],
            &["конкретные", "ощутимые", "практические"],
            &["глобальный", "мировой", "международный"],
            &["пользователи", "граждане", "люди"],
            &["поскольку", "так как", "потому что"],
            &["правила", "нормы"],
            &["открытый", "свободный", "доступный"],
            &["сегодня", "сейчас", "в настоящее время"],
            &["необходимо", "нужно", "требуется"],
        ],
        modals: &["должны", "должно", "должен", "должна"],
        adverbs: &["обязательно", "также", "действительно"],
        regions: &[("151", 60), ("143", 25), ("145", 10), ("154", 5)],
    },
    Lang {
        code: "ar",
        weight: 4,
        density: 0.9,
        spaced: true,
        comma: "، ",
        stop: ".",
        openers: &[
            "نرى أن ",
            "في رأينا، ",
            "{تعتقد|ترى} {منظمتنا|جمعيتنا} أن ",
            "من {الضروري|المهم} أن ",
            "{علاوة على ذلك|أولا|أخيرا}، ",
            "{أعتقد|نعتقد} أن ",
        ],
        inserts: &[
            " ولا سيما بالنسبة للبلدان النامية",
            " على المستويات الوطنية والإقليمية والعالمية",
            " وفقا للفقرة {69|71} من برنامج عمل تونس",
            " خلال {السنتين|السنوات الثلاث|السنوات الخمس} المقبلة",
        ],
        fillers: &[
            "نشكركم على إتاحة الفرصة {للمشاركة|للمساهمة} في هذه المشاورة.",
            "تقدم هذه التعليقات باسم أعضائنا البالغ عددهم {N}.",
            "نتابع عملية القمة العالمية لمجتمع المعلومات منذ عام {Y}.",
        ],
        personal: &[
            "أنا {معلم|طالبة|مهندس|صاحب متجر صغير} في {القاهرة|تونس|عمّان|الرباط|بيروت} وأستخدم الإنترنت كل يوم.",
            "أعمل منذ {خمس|عشر} سنوات مع شبكة محلية في {مدينتي|منطقتي}.",
            "يعتمد {أطفالي|طلابي|زبائني} على إنترنت مفتوح.",
        ],
        calls: &[
            "{احموا|دافعوا عن} إنترنت {مفتوح|حر} للجميع.",
            "لا تسمحوا {لقلة من|لعدد قليل من} {الحكومات|الشركات} بأن تقرر نيابة عن الجميع.",
            "{استمعوا إلى|أنصتوا إلى} {المواطنين|المستخدمين} الذين يستخدمون الإنترنت كل يوم.",
        ],
        signatures: &[
            "أرسلت هذه {الرسالة|المذكرة} عبر {تحالف|مبادرة|ائتلاف} من أجل إنترنت {حر|مفتوح}، بتوقيع {N} {عضوا|مواطنا}.",
            "{وقعها|أيدها} {N} من أعضاء شبكة {المستقبل|المجتمع} الرقمي {الحر|المفتوح}.",
        ],
        paraphrases: &[
            &["يجب", "ينبغي", "لا بد"],
            &["البلدان", "الدول"],
            &["ضمان", "كفالة"],
            &["القضايا", "المسائل"],
            &["المشاركة", "الإسهام"],
            &["العالمي", "الدولي"],
            &["المستخدمين", "المواطنين"],
            &["مفتوح", "حر"],
            &["الضروري", "المهم"],
            &["لأن", "نظرا لأن"],
        ],
        modals: &[],
        adverbs: &[],
        regions: &[("145", 55), ("015", 45)],
    },
    Lang {
        code: "zh",
        weight: 4,
        density: 0.35,
        spaced: false,
        comma: "，",
        stop: "。",
        openers: &[
            "我们认为",
            "在我们看来，",
            "{我们|本机构}{坚信|认为}",
            "{首先|其次|此外|最后}，",
            "{我|我们}建议",
        ],
        inserts: &[
            "，尤其是对发展中国家而言",
            "，在国家、区域和全球各级",
            "，并符合《突尼斯议程》第{69|71}段",
            "，并在今后{两|三|五}年内实现",
        ],
        fillers: &[
            "感谢{贵方|秘书处}给予我们参与此次磋商的机会。",
            "本意见代表我们{N}个成员提交。",
            "我们自{Y}年以来一直关注信息社会世界峰会进程。",
        ],
        personal: &[
            "我是{北京|上海|深圳|成都|香港}的一名{教师|学生|工程师|小企业主}，每天都使用互联网。",
            "我在本地社区网络工作了{五|十}年。",
            "我的{孩子|学生|客户}都依赖开放的互联网。",
        ],
        calls: &[
            "请{保护|捍卫}一个{开放|自由}的互联网。",
            "不要让{少数|个别}{政府|公司}替所有人做决定。",
            "请{倾听|听取}每天使用互联网的{用户|公民}的声音。",
        ],
        signatures: &[
            "本{信|意见}由{开放|自由|数字}互联网{联盟|倡议}发送，共有{N}名{支持者|签署人}。",
            "已有{N}名{成员|用户}通过{数字|网络}{未来|公益}平台签署。",
        ],
        paraphrases: &[
            &["应当", "应该", "必须"],
            &["重要", "关键"],
            &["国家", "各国"],
            &["确保", "保证"],
            &["问题", "议题"],
            &["参与", "介入"],
            &["明确", "清晰"],
            &["具体", "切实"],
            &["全球", "世界"],
            &["用户", "网民"],
            &["因为", "由于"],
            &["互联网", "因特网"],
            &["我们", "我方"],
        ],
        modals: &[],
        adverbs: &[],
        regions: &[("030", 80), ("035", 15), ("021", 5)],
    },
];

pub(crate) const THEMES: [Theme; 16] = [
    Theme {
        id: "q1-multistakeholder",
        question: 0,
        weight: 34,
        groups: [10, 30, 15, 35, 8, 2],
        claims: [
            &[
                "enhanced cooperation {should|must|needs to} {build on|rest on|start from} the multistakeholder {model|approach} {rather than replace it|instead of replacing it|and not undermine it}",
                "{governments|states}, {the private sector|business}, civil society and the technical community {should|need to|must} {take part|participate|be involved} on an equal footing",
                "{no new|no additional|there is no need for a new} intergovernmental {body|organisation|structure} {is needed|is required} to {address|deal with|handle} {Internet public policy issues|public policy questions on the Internet}",
                "the bottom-up {processes|procedures} of ICANN, the IETF and the RIRs {have served the Internet well|have proven their worth|work} and {should be preserved|deserve protection|must not be weakened}",
                "{decisions|choices} on {the DNS|domain names} and IP {addressing|addresses} {must remain|should stay} with the {technical community|open technical bodies|people who run the networks}",
                "the {distributed|decentralised|open} governance of the Internet is {a strength, not a weakness|what allowed it to connect billions of people|the reason it grew so fast}",
                "{any|every} {reform|change|new arrangement} {should|must} {strengthen|reinforce|respect} the {existing|current} multistakeholder {institutions|bodies|mechanisms}",
                "{we|our members} {oppose|reject|cannot support} {any|a} {top-down|centralised|state-led} {model|system|approach} of Internet governance",
            ],
            &[
                "la coopération renforcée {doit|devrait} s'appuyer sur le modèle multipartite au lieu de le remplacer",
                "les gouvernements, le secteur privé, la société civile et la communauté technique {doivent|devraient} participer sur un pied d'égalité",
                "aucun nouvel organe intergouvernemental n'est nécessaire pour traiter les questions de politique publique liées à l'Internet",
            ],
            &[
                "la cooperación reforzada {debe|debería} basarse en el modelo de múltiples partes interesadas en lugar de sustituirlo",
                "los gobiernos, el sector privado, la sociedad civil y la comunidad técnica {deben|deberían} participar en pie de igualdad",
                "no se necesita ningún nuevo órgano intergubernamental para abordar las cuestiones de política pública relativas a Internet",
            ],
            &[
                "расширенное сотрудничество {должно|следует} опираться на многостороннюю модель, а не заменять её",
                "правительства, частный сектор, гражданское общество и техническое сообщество должны участвовать на равных",
                "новый межправительственный орган для решения вопросов публичной политики в области интернета не нужен",
            ],
            &[
                "التعاون المعزز {يجب|ينبغي} أن يستند إلى نموذج أصحاب المصلحة المتعددين لا أن يحل محله",
                "الحكومات والقطاع الخاص والمجتمع المدني والمجتمع التقني يجب أن تشارك على قدم المساواة",
                "لا حاجة إلى هيئة حكومية دولية جديدة لمعالجة قضايا السياسات العامة المتعلقة بالإنترنت",
            ],
            &[
                "加强合作{应当|应该}以多利益相关方模式为基础，而不是取而代之",
                "政府、私营部门、民间社会和技术社群应当平等参与",
                "处理与互联网有关的公共政策问题不需要新的政府间机构",
            ],
        ],
        reasons: [
            &[
                "because no single {stakeholder|actor|group} {has|holds|possesses} all the {expertise|knowledge|competence} {required|needed}",
                "since the Internet's {success|growth|resilience} {rests|depends|relies} on open and inclusive {participation|engagement}",
                "as the IANA stewardship transition of {2016|October 2016} {showed|demonstrated|proved}",
                "given that {top-down|centralised|intergovernmental} control would {fragment|split|break up} the {global|single} network",
                "because {those who build|the people who operate} the Internet {understand|know} it best",
            ],
            &[
                "car aucune partie prenante ne dispose à elle seule de toute l'expertise nécessaire",
                "puisque le succès de l'Internet repose sur une participation ouverte et inclusive",
            ],
            &[
                "porque ninguna parte interesada posee por sí sola todos los conocimientos necesarios",
                "ya que el éxito de Internet se basa en una participación abierta e inclusiva",
            ],
            &[
                "поскольку ни одна заинтересованная сторона не обладает всеми необходимыми знаниями",
                "так как успех интернета основан на открытом и инклюзивном участии",
            ],
            &[
                "لأنه لا يملك أي طرف بمفرده كل الخبرات اللازمة",
                "إذ إن نجاح الإنترنت يقوم على المشاركة المفتوحة والشاملة",
            ],
            &[
                "因为没有任何一个利益相关方拥有所需的全部专业知识",
                "因为互联网的成功依赖于开放和包容的参与",
            ],
        ],
    },
    Theme {
        id: "q1-intergovernmental",
        question: 0,
        weight: 24,
        groups: [60, 3, 5, 3, 5, 24],
        claims: [
            &[
                "governments {have|bear|hold} the primary responsibility for {international public policy issues|public policy questions} {pertaining to|related to|concerning} the Internet",
                "a {dedicated|standing|permanent} intergovernmental {mechanism|forum|body} {under|within} the United Nations {should|must|needs to} be {established|created|set up}",
                "{states|governments} {should|must} be able to {exercise|fulfil|carry out} their {role|responsibilities} on an equal footing, as {paragraph 69 of the Tunis Agenda|the Tunis Agenda} {foresees|requires|provides}",
                "{oversight|control} of critical Internet resources {should not|must not|cannot} {remain|stay} with {one country|a single government|one state}",
                "the CSTD {should|could} {host|organise|convene} {annual|regular|yearly} intergovernmental {discussions|talks|consultations} on Internet policy",
                "sovereign states {need|require} a {clear|firm|proper} mandate to {address|tackle} cybersecurity and cybercrime {together|jointly|collectively}",
                "{the current|today's} {arrangements|institutions} {give|leave} {too much|excessive|undue} {influence|power} to {a few|a handful of} {private companies|actors|countries}",
                "{international|global} {public policy|rules} {cannot|should not} be {left|delegated} to {private|non-governmental} {bodies|entities} {alone|only}",
            ],
            &[
                "les gouvernements ont la responsabilité première des questions de politique publique internationale liées à l'Internet",
                "un mécanisme intergouvernemental {dédié|permanent} {doit|devrait} être créé sous l'égide des Nations Unies",
                "les États {doivent|devraient} pouvoir jouer leur rôle sur un pied d'égalité, comme le prévoit le paragraphe 69 de l'Agenda de Tunis",
            ],
            &[
                "los gobiernos tienen la responsabilidad principal de las cuestiones de política pública internacional relativas a Internet",
                "{debe|debería} crearse un mecanismo intergubernamental {específico|permanente} en el marco de las Naciones Unidas",
                "los Estados {deben|deberían} poder desempeñar su papel en pie de igualdad, como prevé el párrafo 69 de la Agenda de Túnez",
            ],
            &[
                "правительства несут главную ответственность за вопросы международной публичной политики, касающиеся интернета",
                "под эгидой ООН {должен|следует} создать {специальный|постоянный} межправительственный механизм",
                "государства должны иметь возможность выполнять свою роль на равных, как предусматривает пункт 69 Тунисской программы",
            ],
            &[
                "الحكومات تتحمل المسؤولية الأولى عن قضايا السياسات العامة الدولية المتعلقة بالإنترنت",
                "{يجب|ينبغي} إنشاء آلية حكومية دولية {مخصصة|دائمة} في إطار الأمم المتحدة",
                "الدول يجب أن تتمكن من أداء دورها على قدم المساواة كما تنص الفقرة 69 من برنامج عمل تونس",
            ],
            &[
                "各国政府对与互联网有关的国际公共政策问题负有首要责任",
                "{应当|应该}在联合国框架下建立{专门的|常设的}政府间机制",
                "各国应当能够平等地履行其职责，正如《突尼斯议程》第69段所规定的那样",
            ],
        ],
        reasons: [
            &[
                "because only governments are {accountable|answerable} to their citizens for public policy",
                "since the current arrangements {leave|keep} {most|many} states without a {real|meaningful|genuine} voice",
                "as {N} governments {pointed out|recalled|stressed} during the {last|previous|most recent} working group",
                "given that voluntary processes have not {delivered|produced|achieved} {results|concrete results|much} since {Y}",
                "because {legitimacy|democratic legitimacy} {comes|derives} from {elected|accountable} governments",
            ],
            &[
                "car seuls les gouvernements rendent compte à leurs citoyens des politiques publiques",
                "puisque les arrangements actuels privent de nombreux États d'une véritable voix",
            ],
            &[
                "porque solo los gobiernos rinden cuentas ante sus ciudadanos en materia de política pública",
                "ya que los arreglos actuales dejan a muchos Estados sin una voz real",
            ],
            &[
                "поскольку только правительства подотчётны своим гражданам в вопросах публичной политики",
                "так как нынешние механизмы лишают многие государства реального голоса",
            ],
            &[
                "لأن الحكومات وحدها مسؤولة أمام مواطنيها عن السياسات العامة",
                "إذ إن الترتيبات الحالية تترك كثيرا من الدول بلا صوت حقيقي",
            ],
            &[
                "因为只有政府在公共政策方面对本国公民负责",
                "因为现行安排使许多国家没有真正的发言权",
            ],
        ],
    },
    Theme {
        id: "q1-developing-countries",
        question: 0,
        weight: 18,
        groups: [35, 5, 30, 5, 10, 15],
        claims: [
            &[
                "developing countries {need|require} {sustained|long-term|continuous} capacity building to {take part|participate|engage} in enhanced cooperation",
                "{travel support|financial support|funding for delegates} {should|must} be {provided|offered|made available} to {stakeholders|participants|experts} from the least developed countries",
                "enhanced cooperation {should|must} {close|bridge|narrow} the digital divide rather than {widen|deepen|reinforce} it",
                "{meetings|negotiations|sessions} held only in Geneva and New York {exclude|leave out|shut out} {most|many|the majority of} small delegations",
                "{P} per cent of the world's population {is still|remains} offline, {mostly|largely|overwhelmingly} in Africa and South Asia",
                "regional IGFs and ITU-D programmes {should|could} {train|prepare|support} {diplomats|officials|young experts} from small {states|countries|island states}",
                "{documents|drafts|papers} {should|must} be {published|circulated|shared} {early|well in advance} and in {all six UN languages|several languages}",
                "{remote participation|online participation|hybrid meetings} {should|must} be {the norm|standard|guaranteed} {for|in} every {session|meeting}",
            ],
            &[
                "les pays en développement ont besoin d'un renforcement durable des capacités pour participer à la coopération renforcée",
                "un {soutien financier|appui aux déplacements} {doit|devrait} être offert aux parties prenantes des pays les moins avancés",
                "la coopération renforcée {doit|devrait} réduire la fracture numérique au lieu de l'aggraver",
            ],
            &[
                "los países en desarrollo necesitan un fortalecimiento sostenido de capacidades para participar en la cooperación reforzada",
                "{debe|debería} ofrecerse {apoyo financiero|ayuda para viajes} a las partes interesadas de los países menos adelantados",
                "la cooperación reforzada {debe|debería} reducir la brecha digital en lugar de ampliarla",
            ],
            &[
                "развивающимся странам необходимо постоянное наращивание потенциала для участия в расширенном сотрудничестве",
                "участникам из наименее развитых стран {должна|следует} предоставлять финансовую поддержку",
                "расширенное сотрудничество должно сокращать цифровой разрыв, а не углублять его",
            ],
            &[
                "البلدان النامية تحتاج إلى بناء مستدام للقدرات كي تشارك في التعاون المعزز",
                "{يجب|ينبغي} تقديم دعم مالي لأصحاب المصلحة من أقل البلدان نموا",
                "التعاون المعزز يجب أن يسد الفجوة الرقمية لا أن يوسعها",
            ],
            &[
                "发展中国家需要持续的能力建设才能参与加强合作",
                "{应当|应该}为最不发达国家的利益相关方提供资金支持",
                "加强合作应当缩小而不是扩大数字鸿沟",
            ],
        ],
        reasons: [
            &[
                "because {participation|a seat at the table} without {resources|means|funding} is only {symbolic|a formality}",
                "since the next billion {users|people online} will come from the Global South",
                "as the {Y} WSIS Forum {acknowledged|recognised|noted}",
                "given that {N} countries sent no delegate to the {last|latest} meeting",
                "because small delegations {cannot|are unable to} {follow|cover} {parallel|simultaneous} processes",
            ],
            &[
                "car une participation sans moyens reste symbolique",
                "puisque le prochain milliard d'utilisateurs viendra des pays du Sud",
            ],
            &[
                "porque una participación sin recursos es solo simbólica",
                "ya que los próximos mil millones de usuarios vendrán del Sur global",
            ],
            &[
                "поскольку участие без ресурсов остаётся символическим",
                "так как следующий миллиард пользователей придёт из стран Юга",
            ],
            &[
                "لأن المشاركة بلا موارد تبقى رمزية",
                "إذ إن المليار التالي من المستخدمين سيأتي من بلدان الجنوب",
            ],
            &[
                "因为没有资源的参与只是象征性的",
                "因为下一个十亿用户将来自全球南方",
            ],
        ],
    },
    Theme {
        id: "q1-cstd-follow-up",
        question: 0,
        weight: 14,
        groups: [25, 10, 10, 10, 15, 30],
        claims: [
            &[
                "the CSTD working group on enhanced cooperation {should|must} {publish|release|issue} its recommendations {with a timeline|with clear deadlines|and a schedule}",
                "UN agencies {should|must} {report|give an account} {annually|every year|regularly} on how they {implement|carry out|apply} enhanced cooperation",
                "an online {mapping|inventory|database} of existing cooperation mechanisms {would|could} {avoid|prevent|reduce} duplication",
                "the WGEC {failed|was unable} to reach consensus in {2014|2018} and {a new approach|a fresh approach|another method} is {needed|required}",
                "{existing|current} organisations such as the ITU, UNESCO and the OECD {already|now} {cooperate|work together} on {many|most} of these {issues|questions}",
                "the Secretary-General {should|could} {appoint|name|designate} a {focal point|special envoy|coordinator} for enhanced cooperation",
                "{progress|implementation} {should|must} be {reviewed|assessed|measured} against {clear|agreed|measurable} {indicators|benchmarks}",
                "{the|a} {follow-up|review} {process|mechanism} {should|must} be {open|accessible} to all stakeholders {online|remotely|without cost}",
            ],
            &[
                "le groupe de travail de la CSTD sur la coopération renforcée {doit|devrait} publier ses recommandations avec un calendrier",
                "les agences des Nations Unies {doivent|devraient} rendre compte chaque année de la mise en œuvre de la coopération renforcée",
                "un inventaire en ligne des mécanismes de coopération existants éviterait les doublons",
            ],
            &[
                "el grupo de trabajo de la CCTD sobre cooperación reforzada {debe|debería} publicar sus recomendaciones con un calendario",
                "los organismos de las Naciones Unidas {deben|deberían} informar cada año sobre la aplicación de la cooperación reforzada",
                "un inventario en línea de los mecanismos de cooperación existentes evitaría duplicaciones",
            ],
            &[
                "рабочая группа КНТР по расширенному сотрудничеству должна опубликовать рекомендации с графиком",
                "учреждения ООН {должны|обязаны} ежегодно отчитываться о реализации расширенного сотрудничества",
                "онлайн-перечень существующих механизмов сотрудничества позволил бы избежать дублирования",
            ],
            &[
                "يجب أن ينشر الفريق العامل التابع للجنة العلم والتكنولوجيا توصياته مع جدول زمني",
                "{يجب|ينبغي} أن تقدم وكالات الأمم المتحدة تقريرا سنويا عن تنفيذ التعاون المعزز",
                "إن جردا إلكترونيا لآليات التعاون القائمة سيمنع الازدواجية",
            ],
            &[
                "科技促发展委员会加强合作工作组应当公布带有时间表的建议",
                "联合国各机构{应当|应该}每年报告加强合作的落实情况",
                "建立现有合作机制的在线清单可以避免重复",
            ],
        ],
        reasons: [
            &[
                "because {transparency|accountability|openness} is the first step {towards|to} trust",
                "since stakeholders cannot {assess|evaluate|measure} progress without {data|reports|information}",
                "as the {N} contributions to the last consultation {made clear|showed|revealed}",
                "given that the {process|question} has been {discussed|debated} since {2005|the Tunis summit}",
                "because {duplication|overlap} {wastes|drains} {scarce|limited} {resources|funds}",
            ],
            &[
                "car la transparence est le premier pas vers la confiance",
                "puisque les parties prenantes ne peuvent évaluer les progrès sans rapports",
            ],
            &[
                "porque la transparencia es el primer paso hacia la confianza",
                "ya que las partes interesadas no pueden evaluar los avances sin informes",
            ],
            &[
                "поскольку прозрачность — первый шаг к доверию",
                "так как без отчётов участники не могут оценить прогресс",
            ],
            &[
                "لأن الشفافية هي الخطوة الأولى نحو الثقة",
                "إذ لا يمكن لأصحاب المصلحة تقييم التقدم بدون تقارير",
            ],
            &[
                "因为透明是建立信任的第一步",
                "因为没有报告利益相关方就无法评估进展",
            ],
        ],
    },
    Theme {
        id: "q1-human-rights",
        question: 0,
        weight: 10,
        groups: [5, 5, 65, 5, 15, 5],
        claims: [
            &[
                "enhanced cooperation {must|should|has to} be {anchored|grounded|rooted} in international human rights law",
                "freedom of expression and privacy {must|should} be {protected|respected|safeguarded} online {as they are offline|just as offline|as much as offline}",
                "civil society {must|should} have a {guaranteed|real|permanent} {seat|place|voice} in any new {cooperation arrangement|mechanism|process}",
                "Internet shutdowns, {recorded in|documented in|reported in} {N} countries last year, {must|should} be {condemned|ended|stopped}",
                "the UN Guiding Principles on Business and Human Rights {should|must} {apply|be applied} to {platforms|online platforms|tech companies}",
                "{women|marginalised groups|persons with disabilities|indigenous peoples} {must|should} be able to {take part|participate} {safely|meaningfully|fully}",
                "{human rights impact assessments|rights audits} {should|must} {precede|come before|accompany} {any|every} new {policy|regulation|rule}",
                "{surveillance|content removal|blocking} {must|should} {respect|meet} the {tests|principles} of legality, necessity and proportionality",
            ],
            &[
                "la coopération renforcée {doit|devrait} être ancrée dans le droit international des droits de l'homme",
                "la liberté d'expression et la vie privée {doivent|devraient} être protégées en ligne comme hors ligne",
                "la société civile {doit|devrait} disposer d'une place garantie dans tout nouveau mécanisme",
            ],
            &[
                "la cooperación reforzada {debe|debería} basarse en el derecho internacional de los derechos humanos",
                "la libertad de expresión y la privacidad {deben|deberían} protegerse en línea igual que fuera de línea",
                "la sociedad civil {debe|debería} tener un lugar garantizado en cualquier nuevo mecanismo",
            ],
            &[
                "расширенное сотрудничество должно основываться на международном праве прав человека",
                "свобода выражения мнений и неприкосновенность частной жизни должны защищаться в сети так же, как и вне её",
                "гражданскому обществу {должно|следует} гарантировать место в любом новом механизме",
            ],
            &[
                "التعاون المعزز يجب أن يرتكز على القانون الدولي لحقوق الإنسان",
                "{يجب|ينبغي} حماية حرية التعبير والخصوصية على الإنترنت كما هي خارجه",
                "المجتمع المدني يجب أن يحظى بمقعد مضمون في أي آلية جديدة",
            ],
            &[
                "加强合作{应当|必须}以国际人权法为基础",
                "言论自由和隐私在网上应当与在网下一样受到保护",
                "民间社会应当在任何新机制中拥有有保障的席位",
            ],
        ],
        reasons: [
            &[
                "because {rights|human rights} {are universal|do not stop at the screen|apply everywhere}",
                "since {journalists|activists|human rights defenders} are {increasingly|more and more} {targeted|attacked|harassed} online",
                "as the Human Rights Council {affirmed|reaffirmed|stated} in {2012|2016|2021}",
                "given that {N} shutdowns were {recorded|documented|reported} in {Y}",
                "because {those most affected|vulnerable communities} are {rarely|seldom} {consulted|heard|in the room}",
            ],
            &[
                "car les droits sont universels",
                "puisque les journalistes et les militants sont de plus en plus visés en ligne",
            ],
            &[
                "porque los derechos son universales",
                "ya que periodistas y activistas son cada vez más atacados en línea",
            ],
            &[
                "поскольку права человека универсальны",
                "так как журналисты и активисты всё чаще подвергаются нападкам в сети",
            ],
            &[
                "لأن الحقوق عالمية",
                "إذ إن الصحفيين والناشطين يستهدفون بشكل متزايد على الإنترنت",
            ],
            &[
                "因为权利是普遍的",
                "因为记者和活动人士越来越多地在网上受到攻击",
            ],
        ],
    },
    Theme {
        id: "q2-permanent-mandate",
        question: 1,
        weight: 30,
        groups: [25, 15, 20, 20, 10, 10],
        claims: [
            &[
                "the IGF {should|must|needs to} {receive|be given|obtain} a permanent mandate from the General Assembly",
                "renewing the {mandate|IGF's mandate} every {five|ten} years {creates|causes|brings} {uncertainty|instability} for the {Forum|IGF}",
                "a permanent {IGF|Forum} {would|could} {plan|organise|schedule} its work over several years",
                "the WSIS+20 review {should|must} {confirm|secure|establish} the IGF as the {central|main|primary} {space|venue|platform} for Internet governance {dialogue|discussion}",
                "the {Forum|IGF} has {met|convened} {every year|annually} since 2006 and has {proven|shown|demonstrated} its {value|usefulness|worth}",
                "{donors|partners|host countries} {hesitate|are reluctant|are unwilling} to {commit|make pledges} while the mandate is {temporary|limited|uncertain}",
                "{making the mandate permanent|a permanent mandate} {would|could} {free|allow} the MAG to {focus|concentrate} on {substance|content|results}",
                "the {Forum|IGF} {deserves|has earned} {a stable|a lasting|an open-ended} {place|home} in the UN system",
            ],
            &[
                "le FGI {doit|devrait} recevoir un mandat permanent de l'Assemblée générale",
                "renouveler le mandat tous les {cinq|dix} ans crée une incertitude pour le Forum",
                "un FGI permanent pourrait planifier son travail sur plusieurs années",
            ],
            &[
                "el IGF {debe|debería} recibir un mandato permanente de la Asamblea General",
                "renovar el mandato cada {cinco|diez} años genera incertidumbre para el Foro",
                "un IGF permanente podría planificar su trabajo a varios años",
            ],
            &[
                "ФУИ {должен|следует} получить постоянный мандат от Генеральной Ассамблеи",
                "продление мандата каждые {пять|десять} лет создаёт неопределённость для Форума",
                "постоянный ФУИ мог бы планировать работу на несколько лет вперёд",
            ],
            &[
                "{يجب|ينبغي} أن يحصل منتدى حوكمة الإنترنت على ولاية دائمة من الجمعية العامة",
                "تجديد الولاية كل {خمس|عشر} سنوات يخلق حالة من عدم اليقين للمنتدى",
                "منتدى دائم يمكنه تخطيط عمله على عدة سنوات",
            ],
            &[
                "互联网治理论坛{应当|应该}获得联合国大会授予的永久任务",
                "每{五|十}年延长一次任务给论坛带来不确定性",
                "一个常设的论坛可以制定多年工作计划",
            ],
        ],
        reasons: [
            &[
                "because {continuity|stability|predictability} is a {condition|prerequisite} for {long-term|serious|sustained} work",
                "since the {Forum|IGF} is the only {global|truly global|open} multistakeholder {space|venue} of the UN",
                "as {N} delegations {stated|said|argued} during the {Y} review",
                "given that the IGF has {brought together|gathered|welcomed} {thousands of|over ten thousand} participants",
                "because {each|every} renewal {debate|negotiation} {diverts|takes} {energy|attention} from {real|substantive} work",
            ],
            &[
                "car la continuité est une condition d'un travail sérieux",
                "puisque le Forum est le seul espace multipartite mondial des Nations Unies",
            ],
            &[
                "porque la continuidad es una condición para un trabajo serio",
                "ya que el Foro es el único espacio mundial de múltiples partes interesadas de la ONU",
            ],
            &[
                "поскольку преемственность — условие серьёзной работы",
                "так как Форум — единственная глобальная многосторонняя площадка ООН",
            ],
            &[
                "لأن الاستمرارية شرط للعمل الجاد",
                "إذ إن المنتدى هو الفضاء العالمي الوحيد متعدد أصحاب المصلحة في الأمم المتحدة",
            ],
            &[
                "因为连续性是认真开展工作的前提",
                "因为论坛是联合国唯一的全球多利益相关方平台",
            ],
        ],
    },
    Theme {
        id: "q2-funding",
        question: 1,
        weight: 20,
        groups: [15, 40, 10, 15, 5, 15],
        claims: [
            &[
                "the IGF secretariat {needs|requires} {stable|secure|sustainable} and {predictable|reliable} funding",
                "the IGF Trust Fund {depends|relies} on a {handful|small number|few} of {donors|contributors}",
                "part of the Forum's budget {should|could|must} come from the regular UN budget",
                "{the private sector|industry|business} {is ready to|would|could} {contribute|give} more if {the governance of the funds|spending} were {transparent|clearer}",
                "the secretariat {runs|operates|works} with {fewer than ten|only a few|a handful of} staff for a global mandate",
                "{multi-year|long-term} {pledges|commitments} {would|could} let the MAG plan {ahead|properly|with confidence}",
                "{host country|in-kind} {contributions|support} {should|must} be {reported|published|disclosed} {openly|in full|transparently}",
                "{a diversified|a broader} {funding base|donor base} {would|could} {protect|shield} the {Forum's|IGF's} {independence|neutrality}",
            ],
            &[
                "le secrétariat du FGI a besoin d'un financement stable et prévisible",
                "le fonds d'affectation spéciale du FGI dépend d'un petit nombre de donateurs",
                "une partie du budget du Forum {devrait|pourrait} provenir du budget ordinaire de l'ONU",
            ],
            &[
                "la secretaría del IGF necesita una financiación estable y previsible",
                "el fondo fiduciario del IGF depende de un pequeño número de donantes",
                "parte del presupuesto del Foro {debería|podría} provenir del presupuesto ordinario de la ONU",
            ],
            &[
                "секретариату ФУИ необходимо стабильное и предсказуемое финансирование",
                "целевой фонд ФУИ зависит от небольшого числа доноров",
                "часть бюджета Форума {должна|могла бы} поступать из регулярного бюджета ООН",
            ],
            &[
                "أمانة المنتدى تحتاج إلى تمويل مستقر ويمكن التنبؤ به",
                "الصندوق الاستئماني للمنتدى يعتمد على عدد قليل من المانحين",
                "{يجب|ينبغي} أن يأتي جزء من ميزانية المنتدى من الميزانية العادية للأمم المتحدة",
            ],
            &[
                "论坛秘书处需要稳定和可预测的资金",
                "论坛信托基金依赖少数捐助方",
                "论坛的部分预算{应当|应该}来自联合国经常预算",
            ],
        ],
        reasons: [
            &[
                "because {annual|yearly} {uncertainty|budget uncertainty} {prevents|hinders|blocks} {planning|proper planning}",
                "since the Forum's budget {is tiny|is very small|is modest} {compared to|relative to} its mandate",
                "as the {Y} donor report {showed|made clear|revealed}",
                "given that {P} per cent of contributions come from three donors",
                "because {dependence|reliance} on {few|a handful of} donors {risks|threatens} {capture|independence}",
            ],
            &[
                "car l'incertitude annuelle empêche toute planification",
                "puisque le budget du Forum est minime au regard de son mandat",
            ],
            &[
                "porque la incertidumbre anual impide planificar",
                "ya que el presupuesto del Foro es mínimo en comparación con su mandato",
            ],
            &[
                "поскольку ежегодная неопределённость мешает планированию",
                "так как бюджет Форума ничтожен по сравнению с его мандатом",
            ],
            &[
                "لأن عدم اليقين السنوي يمنع التخطيط",
                "إذ إن ميزانية المنتدى ضئيلة مقارنة بولايته",
            ],
            &[
                "因为每年的不确定性妨碍规划",
                "因为论坛的预算与其任务相比微不足道",
            ],
        ],
    },
    Theme {
        id: "q2-outcomes",
        question: 1,
        weight: 18,
        groups: [35, 5, 35, 5, 15, 5],
        claims: [
            &[
                "the IGF {should|must|needs to} {produce|deliver|generate} {concrete|tangible|practical} outcomes and recommendations",
                "{messages|key messages} from each annual meeting {should|must} {reach|be sent to|be delivered to} decision makers in other UN bodies",
                "the {Forum|IGF} {should|could} {adopt|issue|agree on} non-binding {recommendations|guidelines} on {key|pressing|emerging} {issues|questions}",
                "{too many|most|many} sessions end without {a clear message|any follow-up|a conclusion}",
                "the IGF Leadership Panel {should|could} {carry|bring|deliver} the {Forum's|IGF's} messages to the General Assembly",
                "a {yearly|regular|public} report {would|could} {show|track|document} how IGF messages were {taken up|used|acted upon}",
                "{outcomes|messages} {should|must} be {drafted|prepared} {openly|collaboratively} {before|during} the {meeting|annual meeting}",
                "the {Forum|IGF} {should|could} {test|pilot} {voluntary|practical} {toolkits|guides} for {policymakers|regulators}",
            ],
            &[
                "le FGI {doit|devrait} produire des résultats et des recommandations concrets",
                "les messages de chaque réunion annuelle {doivent|devraient} parvenir aux décideurs des autres organes de l'ONU",
                "le Forum pourrait adopter des recommandations non contraignantes sur les questions clés",
            ],
            &[
                "el IGF {debe|debería} producir resultados y recomendaciones concretos",
                "los mensajes de cada reunión anual {deben|deberían} llegar a los responsables de otros órganos de la ONU",
                "el Foro podría adoptar recomendaciones no vinculantes sobre cuestiones clave",
            ],
            &[
                "ФУИ {должен|следует} давать конкретные результаты и рекомендации",
                "итоги каждого ежегодного совещания должны доходить до лиц, принимающих решения, в других органах ООН",
                "Форум мог бы принимать необязательные рекомендации по ключевым вопросам",
            ],
            &[
                "{يجب|ينبغي} أن ينتج المنتدى نتائج وتوصيات ملموسة",
                "رسائل كل اجتماع سنوي يجب أن تصل إلى صناع القرار في هيئات الأمم المتحدة الأخرى",
                "يمكن للمنتدى أن يعتمد توصيات غير ملزمة بشأن القضايا الرئيسية",
            ],
            &[
                "论坛{应当|应该}产生具体的成果和建议",
                "每届年会的信息应当传达到联合国其他机构的决策者",
                "论坛可以就关键问题通过不具约束力的建议",
            ],
        ],
        reasons: [
            &[
                "because {dialogue|discussion|talk} without outcomes {discourages|tires|frustrates} participants",
                "since decision makers {rarely|seldom} read the {transcripts|session reports|records}",
                "as the {N} participants of {Y} {asked|demanded|requested}",
                "given that other {forums|processes} {already|now} {produce|issue} such {guidance|advice}",
                "because {results|visible results} {attract|bring} {new|more} {participants|funding|attention}",
            ],
            &[
                "car un dialogue sans résultats décourage les participants",
                "puisque les décideurs lisent rarement les comptes rendus",
            ],
            &[
                "porque el diálogo sin resultados desanima a los participantes",
                "ya que los responsables rara vez leen las actas",
            ],
            &[
                "поскольку диалог без результатов разочаровывает участников",
                "так как лица, принимающие решения, редко читают отчёты",
            ],
            &[
                "لأن الحوار بلا نتائج يثبط المشاركين",
                "إذ نادرا ما يقرأ صناع القرار المحاضر",
            ],
            &[
                "因为没有成果的对话会让参与者失去信心",
                "因为决策者很少阅读会议记录",
            ],
        ],
    },
    Theme {
        id: "q2-national-regional",
        question: 1,
        weight: 14,
        groups: [10, 5, 30, 40, 10, 5],
        claims: [
            &[
                "national and regional IGF initiatives {should|must} be {formally|officially} {linked|connected} to the global {Forum|IGF}",
                "the {many|more than 160} NRIs {need|deserve|require} {support|resources|help} from the secretariat",
                "local IGFs {bring|give|offer} a voice to {communities|people|stakeholders} who cannot {travel|go} to the global meeting",
                "NRI coordinators {should|could} have a {seat|role|voice} in the MAG",
                "{our|the} national IGF in {Kenya|Brazil|Germany|Bangladesh|Armenia} {shows|proves|demonstrates} what local dialogue can {achieve|do}",
                "{outcomes|messages} of NRIs {should|must} {feed into|shape|inform} the {programme|agenda} of the annual meeting",
                "{small|seed} {grants|funds} {would|could} {help|allow} {new|young} NRIs to {organise|hold} their first {meetings|events}",
                "NRIs {should|could} {share|exchange} {experience|good practice|materials} {through|via} a {common|shared} {platform|network}",
            ],
            &[
                "les initiatives nationales et régionales du FGI {doivent|devraient} être formellement liées au Forum mondial",
                "les IGF nationaux et régionaux ont besoin du soutien du secrétariat",
                "les IGF locaux donnent une voix à ceux qui ne peuvent pas se rendre à la réunion mondiale",
            ],
            &[
                "las iniciativas nacionales y regionales del IGF {deben|deberían} vincularse formalmente al Foro mundial",
                "los IGF nacionales y regionales necesitan el apoyo de la secretaría",
                "los IGF locales dan voz a quienes no pueden viajar a la reunión mundial",
            ],
            &[
                "национальные и региональные инициативы ФУИ {должны|следует} официально связать с глобальным Форумом",
                "национальным и региональным ФУИ нужна поддержка секретариата",
                "местные форумы дают голос тем, кто не может приехать на глобальную встречу",
            ],
            &[
                "{يجب|ينبغي} ربط المبادرات الوطنية والإقليمية للمنتدى رسميا بالمنتدى العالمي",
                "المنتديات الوطنية والإقليمية تحتاج إلى دعم الأمانة",
                "المنتديات المحلية تمنح صوتا لمن لا يستطيعون السفر إلى الاجتماع العالمي",
            ],
            &[
                "国家和区域互联网治理论坛倡议{应当|应该}与全球论坛正式挂钩",
                "国家和区域论坛需要秘书处的支持",
                "地方论坛为无法前往全球会议的人提供了发声渠道",
            ],
        ],
        reasons: [
            &[
                "because Internet governance {starts|begins} {at home|locally}",
                "since {most|many} policy decisions are {taken|made} {nationally|at national level}",
                "as {N} NRIs {reported|noted|said} in {Y}",
                "given that local languages {matter|count} for {participation|inclusion}",
                "because {local|national} {actors|stakeholders} {know|understand} their {context|realities} best",
            ],
            &[
                "car la gouvernance de l'Internet commence au niveau local",
                "puisque la plupart des décisions sont prises au niveau national",
            ],
            &[
                "porque la gobernanza de Internet empieza en casa",
                "ya que la mayoría de las decisiones se toman a nivel nacional",
            ],
            &[
                "поскольку управление интернетом начинается на местах",
                "так как большинство решений принимается на национальном уровне",
            ],
            &[
                "لأن حوكمة الإنترنت تبدأ محليا",
                "إذ إن معظم القرارات تتخذ على المستوى الوطني",
            ],
            &[
                "因为互联网治理从本地开始",
                "因为大多数政策决定是在国家层面作出的",
            ],
        ],
    },
    Theme {
        id: "q2-youth",
        question: 1,
        weight: 10,
        groups: [5, 5, 45, 10, 30, 5],
        claims: [
            &[
                "young people {should|must} be {involved|engaged|included} in {shaping|designing|defining} the IGF's future",
                "the Youth IGF {deserves|needs|merits} {dedicated|sustained|proper} funding and visibility",
                "newcomers {find|experience|consider} the {Forum|IGF} {hard|difficult} to {enter|navigate|join} without {mentoring|guidance|support}",
                "{fellowships|mentoring programmes|travel grants} {should|could} bring {N} young people to each annual meeting",
                "{students|young researchers|young professionals} {bring|offer|contribute} {fresh|new} perspectives on {AI|online safety|digital skills}",
                "a youth {seat|representative|delegate} in the MAG {would|could} {signal|show|demonstrate} {real|genuine} commitment",
                "{schools|universities} {should|could} {teach|include} Internet governance {in|as part of} their {curricula|courses}",
                "{youth|young} {participants|delegates} {should|must} {speak|be heard} in {main|high-level} sessions, not only in side events",
            ],
            &[
                "les jeunes {doivent|devraient} être associés à la définition de l'avenir du FGI",
                "le FGI Jeunesse mérite un financement et une visibilité durables",
                "les nouveaux venus trouvent le Forum difficile d'accès sans tutorat",
            ],
            &[
                "los jóvenes {deben|deberían} participar en la definición del futuro del IGF",
                "el IGF Juvenil merece financiación y visibilidad sostenidas",
                "a los recién llegados les resulta difícil acceder al Foro sin mentoría",
            ],
            &[
                "молодёжь {должна|следует} привлекать к определению будущего ФУИ",
                "молодёжный ФУИ заслуживает постоянного финансирования и внимания",
                "новичкам трудно включиться в работу Форума без наставников",
            ],
            &[
                "{يجب|ينبغي} إشراك الشباب في رسم مستقبل المنتدى",
                "منتدى الشباب يستحق تمويلا وظهورا مستدامين",
                "يجد الوافدون الجدد صعوبة في دخول المنتدى دون إرشاد",
            ],
            &[
                "青年{应当|应该}参与塑造论坛的未来",
                "青年论坛应获得持续的资金和关注",
                "新参与者在没有指导的情况下很难融入论坛",
            ],
        ],
        reasons: [
            &[
                "because {they|young people} are {the majority of|most} Internet users",
                "since the decisions {taken|made} today will shape their {lives|future}",
                "as the Youth IGF of {Y} {showed|demonstrated|made clear}",
                "given that {P} per cent of users in Africa are under 25",
                "because {today's|current} {participants|experts} {will not|cannot} {stay|remain} {forever|indefinitely}",
            ],
            &[
                "car les jeunes sont la majorité des internautes",
                "puisque les décisions prises aujourd'hui façonneront leur avenir",
            ],
            &[
                "porque los jóvenes son la mayoría de los usuarios",
                "ya que las decisiones de hoy marcarán su futuro",
            ],
            &[
                "поскольку молодёжь составляет большинство пользователей",
                "так как сегодняшние решения определят их будущее",
            ],
            &[
                "لأن الشباب يشكلون غالبية المستخدمين",
                "إذ إن قرارات اليوم ستشكل مستقبلهم",
            ],
            &[
                "因为青年是互联网用户的主体",
                "因为今天的决定将塑造他们的未来",
            ],
        ],
    },
    Theme {
        id: "q2-intersessional",
        question: 1,
        weight: 8,
        groups: [5, 10, 20, 35, 25, 5],
        claims: [
            &[
                "best practice forums and dynamic coalitions {should|must} {continue|carry on} between annual meetings",
                "policy networks on {meaningful access|Internet fragmentation|AI} {have produced|produced|delivered} {useful|valuable|solid} work",
                "intersessional work {needs|requires} {clearer|better} {rules|procedures} and {reporting|documentation}",
                "the {many|numerous|dozens of} dynamic coalitions {vary|differ} {widely|greatly} in {quality|activity|output}",
                "{outputs|reports} of the BPFs on {cybersecurity|gender|local content} {deserve|merit} more {attention|visibility|uptake}",
                "a {single|common|searchable} repository {would|could} make intersessional outputs {easier|simpler} to find",
                "{intersessional|year-round} work {should|could} {prepare|shape} the {main sessions|annual programme}",
                "{leads|coordinators} of {BPFs|policy networks} {should|need to} {report|present} their {results|findings} {each year|annually}",
            ],
            &[
                "les forums de bonnes pratiques et les coalitions dynamiques {doivent|devraient} poursuivre leur travail entre les réunions",
                "les réseaux politiques ont produit un travail utile",
                "le travail intersessions a besoin de règles et de rapports plus clairs",
            ],
            &[
                "los foros de buenas prácticas y las coaliciones dinámicas {deben|deberían} continuar entre reuniones",
                "las redes de políticas han producido un trabajo útil",
                "el trabajo entre períodos de sesiones necesita reglas e informes más claros",
            ],
            &[
                "форумы передового опыта и динамические коалиции {должны|следует} продолжать работу между ежегодными встречами",
                "сети по вопросам политики проделали полезную работу",
                "межсессионной работе нужны более чёткие правила и отчётность",
            ],
            &[
                "{يجب|ينبغي} أن تستمر منتديات أفضل الممارسات والائتلافات الديناميكية بين الاجتماعات",
                "أنتجت شبكات السياسات عملا مفيدا",
                "العمل بين الدورات يحتاج إلى قواعد وتقارير أوضح",
            ],
            &[
                "最佳实践论坛和动态联盟{应当|应该}在年会之间继续工作",
                "政策网络已经产出了有益的成果",
                "闭会期间的工作需要更明确的规则和报告",
            ],
        ],
        reasons: [
            &[
                "because most {substantive|detailed} work happens {between|outside} meetings",
                "since {experts|practitioners} {contribute|take part} when they have time, not only in December",
                "as the {Y} stocktaking {found|concluded|showed}",
                "given that over {N} experts took part in {Y}",
                "because {continuity|follow-up} {turns|makes} {discussion|talk} into {results|outcomes}",
            ],
            &[
                "car l'essentiel du travail de fond se fait entre les réunions",
                "puisque les experts contribuent quand ils en ont le temps",
            ],
            &[
                "porque la mayor parte del trabajo sustantivo se hace entre reuniones",
                "ya que los expertos contribuyen cuando tienen tiempo",
            ],
            &[
                "поскольку основная содержательная работа ведётся между встречами",
                "так как эксперты участвуют, когда у них есть время",
            ],
            &[
                "لأن معظم العمل الجوهري يجري بين الاجتماعات",
                "إذ يساهم الخبراء عندما يتوفر لهم الوقت",
            ],
            &[
                "因为大部分实质性工作在会议之间进行",
                "因为专家在有时间时才能参与",
            ],
        ],
    },
    Theme {
        id: "q3-cross-border-flows",
        question: 2,
        weight: 32,
        groups: [15, 55, 5, 15, 5, 5],
        claims: [
            &[
                "data {should|must|needs to} flow {freely|openly} across borders {with trust|in a trusted way|under common safeguards}",
                "{restrictions|barriers|limits} on cross-border data flows {raise|increase|push up} costs for {small businesses|SMEs|start-ups}",
                "{interoperable|compatible} rules between privacy {regimes|frameworks|systems} {are needed|are essential|are required} for {trade|commerce}",
                "{SMEs|start-ups|small exporters} {rely|depend} on cloud services hosted {abroad|in other countries|overseas}",
                "the OECD {Declaration|principles} on government access to personal data {is|offers|provides} a {good|useful|sound} basis",
                "{trade agreements|the WTO e-commerce talks} {should|could} include {binding|clear|firm} commitments on data flows",
                "{forced|mandatory} {localisation|local storage} {makes|renders} {services|the Internet} {slower|less secure|more expensive}",
                "{regulators|authorities} {should|must} {cooperate|work together} {across borders|internationally} {rather than|instead of} {blocking|restricting} data",
            ],
            &[
                "les données {doivent|devraient} circuler librement entre les pays en toute confiance",
                "les restrictions aux flux transfrontières de données augmentent les coûts des petites entreprises",
                "des règles interopérables entre régimes de protection des données sont nécessaires au commerce",
            ],
            &[
                "los datos {deben|deberían} circular libremente entre países con confianza",
                "las restricciones a los flujos transfronterizos de datos aumentan los costes de las pequeñas empresas",
                "se necesitan normas interoperables entre regímenes de privacidad para el comercio",
            ],
            &[
                "данные {должны|следует} свободно и доверительно передаваться через границы",
                "ограничения трансграничной передачи данных увеличивают издержки малого бизнеса",
                "для торговли нужны совместимые правила разных режимов защиты данных",
            ],
            &[
                "{يجب|ينبغي} أن تتدفق البيانات بحرية عبر الحدود في إطار من الثقة",
                "القيود على تدفق البيانات عبر الحدود ترفع التكاليف على الشركات الصغيرة",
                "التجارة تحتاج إلى قواعد متوافقة بين أنظمة حماية البيانات",
            ],
            &[
                "数据{应当|应该}在信任的基础上跨境自由流动",
                "对跨境数据流动的限制会增加小企业的成本",
                "贸易需要各隐私制度之间可互操作的规则",
            ],
        ],
        reasons: [
            &[
                "because the digital economy {depends|relies} on {global|cross-border} services",
                "since fragmented rules {favour|benefit|help} only the {largest|biggest} companies",
                "as a {Y} study found costs rising by {P} per cent",
                "given that {N} countries now have data localisation laws",
                "because {security|resilience} {comes|results} from {distribution|redundancy}, not {location|geography}",
            ],
            &[
                "car l'économie numérique dépend de services mondiaux",
                "puisque des règles fragmentées ne profitent qu'aux plus grandes entreprises",
            ],
            &[
                "porque la economía digital depende de servicios globales",
                "ya que las normas fragmentadas solo benefician a las grandes empresas",
            ],
            &[
                "поскольку цифровая экономика зависит от глобальных сервисов",
                "так как раздробленные правила выгодны лишь крупнейшим компаниям",
            ],
            &[
                "لأن الاقتصاد الرقمي يعتمد على خدمات عالمية",
                "إذ إن القواعد المجزأة لا تفيد إلا أكبر الشركات",
            ],
            &[
                "因为数字经济依赖全球服务",
                "因为碎片化的规则只对最大的公司有利",
            ],
        ],
    },
    Theme {
        id: "q3-localisation",
        question: 2,
        weight: 24,
        groups: [70, 10, 5, 3, 4, 8],
        claims: [
            &[
                "every {state|country} has the sovereign right to {regulate|govern} data {generated|produced|collected} on its territory",
                "sensitive {public|government|health} data {should|must} be {stored|kept|hosted} {locally|within national borders|in the country}",
                "national data strategies {should|must} {build|develop|strengthen} domestic {capacity|capabilities} and {data centres|cloud infrastructure}",
                "{foreign|global} platforms {extract|capture|take} value from data without {paying|sharing benefits|contributing} locally",
                "the {African Union|ASEAN|our regional} data policy framework {supports|recognises|endorses} this approach",
                "law enforcement {needs|requires} {timely|rapid|prompt} access to data held by {foreign|overseas} providers",
                "{developing countries|our country} {must|should} {benefit|gain} from the data {their citizens|its people} {produce|generate}",
                "{data|information} {about|on} {citizens|nationals} {should|must} {remain|stay} {under|subject to} national {jurisdiction|law}",
            ],
            &[
                "chaque État a le droit souverain de réglementer les données produites sur son territoire",
                "les données publiques sensibles {doivent|devraient} être stockées localement",
                "les stratégies nationales en matière de données {doivent|devraient} renforcer les capacités nationales",
            ],
            &[
                "todo Estado tiene el derecho soberano de regular los datos producidos en su territorio",
                "los datos públicos sensibles {deben|deberían} almacenarse localmente",
                "las estrategias nacionales de datos {deben|deberían} fortalecer la capacidad nacional",
            ],
            &[
                "каждое государство обладает суверенным правом регулировать данные, создаваемые на его территории",
                "чувствительные государственные данные {должны|следует} храниться внутри страны",
                "национальные стратегии в области данных должны развивать собственный потенциал",
            ],
            &[
                "لكل دولة الحق السيادي في تنظيم البيانات المنتجة على أراضيها",
                "{يجب|ينبغي} تخزين البيانات العامة الحساسة محليا",
                "الاستراتيجيات الوطنية للبيانات يجب أن تبني القدرات الوطنية",
            ],
            &[
                "每个国家都有管理在其领土上产生的数据的主权权利",
                "敏感的公共数据{应当|应该}在本地存储",
                "国家数据战略应当提升本国能力",
            ],
        ],
        reasons: [
            &[
                "because data {is|has become} a strategic national resource",
                "since citizens {expect|want} their data to be protected by their own laws",
                "as {N} countries {adopted|passed|enacted} such rules since {Y}",
                "given that value created from data {rarely|seldom} stays in developing countries",
                "because {dependence|reliance} on foreign {infrastructure|providers} {is|creates} a {security|strategic} risk",
            ],
            &[
                "car les données sont devenues une ressource nationale stratégique",
                "puisque les citoyens attendent que leurs données soient protégées par leurs propres lois",
            ],
            &[
                "porque los datos se han convertido en un recurso nacional estratégico",
                "ya que los ciudadanos esperan que sus datos estén protegidos por sus propias leyes",
            ],
            &[
                "поскольку данные стали стратегическим национальным ресурсом",
                "так как граждане ожидают, что их данные защищены национальным законом",
            ],
            &[
                "لأن البيانات أصبحت موردا وطنيا استراتيجيا",
                "إذ يتوقع المواطنون أن تحمي قوانينهم الوطنية بياناتهم",
            ],
            &[
                "因为数据已成为国家战略资源",
                "因为公民希望本国法律保护他们的数据",
            ],
        ],
    },
    Theme {
        id: "q3-privacy",
        question: 2,
        weight: 22,
        groups: [10, 5, 60, 5, 15, 5],
        claims: [
            &[
                "personal data protection {should|must} be {recognised|acknowledged} as a fundamental right {everywhere|in every country|worldwide}",
                "{users|people|individuals} {should|must} {control|decide} how their personal data is {collected|gathered} and {used|processed}",
                "data governance {must|should} not {become|serve as} {an excuse|a pretext} for {surveillance|state surveillance|mass surveillance}",
                "the GDPR {has shown|shows|demonstrates} that strong privacy {rules|laws} and innovation {can|may} {coexist|go together}",
                "{independent|well-funded|strong} data protection authorities {are needed|are essential|are required} in every country",
                "{mass|bulk|indiscriminate} collection of {metadata|personal data} {violates|breaches|infringes} the right to privacy",
                "{consent|meaningful consent} {must|should} be {informed|specific|freely given} and {easy|simple} to withdraw",
                "{children's|minors'} data {deserves|requires|needs} {special|extra|stronger} protection",
            ],
            &[
                "la protection des données personnelles {doit|devrait} être reconnue partout comme un droit fondamental",
                "les utilisateurs {doivent|devraient} maîtriser la collecte et l'usage de leurs données personnelles",
                "la gouvernance des données ne doit pas devenir un prétexte à la surveillance",
            ],
            &[
                "la protección de datos personales {debe|debería} reconocerse en todas partes como un derecho fundamental",
                "los usuarios {deben|deberían} controlar cómo se recogen y usan sus datos personales",
                "la gobernanza de datos no debe convertirse en una excusa para la vigilancia",
            ],
            &[
                "защита персональных данных {должна|следует} признаваться основным правом повсюду",
                "пользователи должны контролировать сбор и использование своих персональных данных",
                "управление данными не должно становиться предлогом для слежки",
            ],
            &[
                "{يجب|ينبغي} الاعتراف بحماية البيانات الشخصية حقا أساسيا في كل مكان",
                "يجب أن يتحكم المستخدمون في كيفية جمع بياناتهم الشخصية واستخدامها",
                "حوكمة البيانات يجب ألا تصبح ذريعة للمراقبة",
            ],
            &[
                "个人数据保护{应当|应该}在各地被确认为一项基本权利",
                "用户应当能够控制其个人数据的收集和使用方式",
                "数据治理不应成为监控的借口",
            ],
        ],
        reasons: [
            &[
                "because privacy {underpins|is the basis of|supports} {trust|other rights|democracy}",
                "since data breaches {affected|exposed|hit} {N} million people last year",
                "as Convention 108+ of the Council of Europe {recognises|affirms|establishes}",
                "given that {P} per cent of users say they do not trust online services",
                "because {once|when} data {leaks|is leaked}, the {harm|damage} cannot be {undone|reversed}",
            ],
            &[
                "car la vie privée est le fondement de la confiance",
                "puisque les fuites de données touchent des millions de personnes",
            ],
            &[
                "porque la privacidad es la base de la confianza",
                "ya que las filtraciones de datos afectan a millones de personas",
            ],
            &[
                "поскольку неприкосновенность частной жизни лежит в основе доверия",
                "так как утечки данных затрагивают миллионы людей",
            ],
            &[
                "لأن الخصوصية أساس الثقة",
                "إذ إن تسريبات البيانات تطال ملايين الأشخاص",
            ],
            &["因为隐私是信任的基础", "因为数据泄露影响数以百万计的人"],
        ],
    },
    Theme {
        id: "q3-standards",
        question: 2,
        weight: 13,
        groups: [5, 20, 5, 55, 10, 5],
        claims: [
            &[
                "open and interoperable {technical standards|standards} {are|remain|form} the {foundation|basis|bedrock} of data governance",
                "standards {should|must} be {developed|written|agreed} in open bodies such as the IETF and {W3C|the W3C}",
                "data portability {requires|needs|depends on} common formats and APIs",
                "{IPv6|DNSSEC|RPKI} deployment {shows|demonstrates|illustrates} what voluntary standards can {achieve|deliver}",
                "governments {should|could} {reference|adopt|require} open standards in public procurement",
                "{proprietary|closed} formats {lock|trap|tie} users and public bodies {into|to} single vendors",
                "{standards|technical} bodies {should|must} {remain|stay} open to {anyone|all} {willing to contribute|who wants to participate}",
                "{regulation|legislation} {should|must} {refer to|rely on} {existing|established} standards {rather than|instead of} {inventing|creating} new ones",
            ],
            &[
                "des normes techniques ouvertes et interopérables sont le fondement de la gouvernance des données",
                "les normes {doivent|devraient} être élaborées dans des enceintes ouvertes comme l'IETF et le W3C",
                "la portabilité des données exige des formats et des API communs",
            ],
            &[
                "los estándares técnicos abiertos e interoperables son la base de la gobernanza de datos",
                "los estándares {deben|deberían} elaborarse en organismos abiertos como el IETF y el W3C",
                "la portabilidad de datos requiere formatos y API comunes",
            ],
            &[
                "открытые и совместимые технические стандарты — основа управления данными",
                "стандарты {должны|следует} разрабатывать в открытых органах, таких как IETF и W3C",
                "переносимость данных требует общих форматов и API",
            ],
            &[
                "المعايير التقنية المفتوحة والقابلة للتشغيل البيني هي أساس حوكمة البيانات",
                "{يجب|ينبغي} تطوير المعايير في هيئات مفتوحة مثل IETF وW3C",
                "قابلية نقل البيانات تتطلب صيغا وواجهات برمجة مشتركة",
            ],
            &[
                "开放和可互操作的技术标准是数据治理的基础",
                "标准{应当|应该}在IETF和W3C等开放机构中制定",
                "数据可携带性需要通用的格式和API",
            ],
        ],
        reasons: [
            &[
                "because interoperability {prevents|avoids|reduces} {lock-in|fragmentation}",
                "since anyone can {implement|use|adopt} an open standard without permission",
                "as the growth of IPv6 to {P} per cent of traffic {shows|illustrates}",
                "given that {N} RFCs {already|now} {cover|address} these questions",
                "because {technical|engineering} {consensus|review} {produces|yields} {better|sounder} {results|rules}",
            ],
            &[
                "car l'interopérabilité évite l'enfermement propriétaire",
                "puisque chacun peut mettre en œuvre une norme ouverte sans autorisation",
            ],
            &[
                "porque la interoperabilidad evita la dependencia de un proveedor",
                "ya que cualquiera puede aplicar un estándar abierto sin permiso",
            ],
            &[
                "поскольку совместимость предотвращает зависимость от поставщика",
                "так как открытый стандарт может применять любой без разрешения",
            ],
            &[
                "لأن التشغيل البيني يمنع الارتهان لمورد واحد",
                "إذ يمكن لأي شخص تطبيق المعيار المفتوح دون إذن",
            ],
            &[
                "因为互操作性可以避免供应商锁定",
                "因为任何人都可以无需许可地实施开放标准",
            ],
        ],
    },
    Theme {
        id: "q3-data-for-development",
        question: 2,
        weight: 9,
        groups: [10, 15, 15, 10, 45, 5],
        claims: [
            &[
                "researchers {need|require} access to data {held|controlled} by platforms to {study|assess|understand} their impact",
                "data {commons|trusts|cooperatives} {can|could} {unlock|create|generate} public value for {health|climate|health and climate} research",
                "training data for AI {should|must} be {documented|described} and {lawfully|fairly|legally} obtained",
                "{universities|public research institutes|public laboratories} {lack|miss|do not have} the computing capacity to use large data sets",
                "open government data {should|could} be published {by default|in machine-readable form|under open licences}",
                "the Global Digital Compact {should|must} {address|cover|include} data for the Sustainable Development Goals",
                "{statistical offices|national statistics agencies} {need|require} {partnerships|agreements} to {use|access} {private|commercial} data",
                "{public|publicly funded} data {should|must} {serve|benefit} the public {interest|good} {first|above all}",
            ],
            &[
                "les chercheurs ont besoin d'accéder aux données des plateformes pour étudier leurs effets",
                "les communs de données {peuvent|pourraient} créer de la valeur publique pour la santé et le climat",
                "les données d'entraînement de l'IA {doivent|devraient} être documentées et obtenues légalement",
            ],
            &[
                "los investigadores necesitan acceder a los datos de las plataformas para estudiar su impacto",
                "los bienes comunes de datos {pueden|podrían} generar valor público para la salud y el clima",
                "los datos de entrenamiento de la IA {deben|deberían} documentarse y obtenerse legalmente",
            ],
            &[
                "исследователям нужен доступ к данным платформ, чтобы изучать их влияние",
                "общие фонды данных {могут|могли бы} принести общественную пользу здравоохранению и климату",
                "данные для обучения ИИ должны быть задокументированы и получены законно",
            ],
            &[
                "يحتاج الباحثون إلى الوصول إلى بيانات المنصات لدراسة تأثيرها",
                "{يمكن|قد} لمشاعات البيانات أن تحقق قيمة عامة لأبحاث الصحة والمناخ",
                "بيانات تدريب الذكاء الاصطناعي يجب أن توثق وأن يتم الحصول عليها بشكل قانوني",
            ],
            &[
                "研究人员需要获取平台掌握的数据以研究其影响",
                "数据公共资源{可以|能够}为健康和气候研究创造公共价值",
                "人工智能的训练数据应当有记录并合法获取",
            ],
        ],
        reasons: [
            &[
                "because {evidence|research} {should|must} {guide|inform} policy",
                "since most data {today|now} {sits|lies} with a {few|handful of} private companies",
                "as {N} research groups {argued|noted|wrote} in a {Y} open letter",
                "given that the SDG indicators lack data for {P} per cent of targets",
                "because {closed|inaccessible} data {hides|conceals} {harms|problems} from {scrutiny|view}",
            ],
            &[
                "car les politiques doivent reposer sur des preuves",
                "puisque la plupart des données sont détenues par quelques entreprises privées",
            ],
            &[
                "porque las políticas deben basarse en datos",
                "ya que la mayoría de los datos está en manos de unas pocas empresas privadas",
            ],
            &[
                "поскольку политика должна опираться на факты",
                "так как большая часть данных находится у нескольких частных компаний",
            ],
            &[
                "لأن السياسات يجب أن تستند إلى الأدلة",
                "إذ إن معظم البيانات في يد عدد قليل من الشركات الخاصة",
            ],
            &[
                "因为政策应当以证据为依据",
                "因为大部分数据掌握在少数私营公司手中",
            ],
        ],
    },
];

/// Organisations by group, as `{…}` fragments.
pub(crate) const ORGANISATIONS: [&[&str]; 6] = [
    &[
        "Ministry of {Digital Affairs|Communications|Foreign Affairs|Information Technology} of {Kenya|Brazil|France|India|Egypt|Indonesia|Mexico|Poland|Ghana|Chile}",
        "{National|Federal} {Communications|Telecommunications} {Authority|Regulatory Commission} of {Nigeria|Argentina|Pakistan|Tunisia|Viet Nam}",
        "Permanent Mission of {Switzerland|Senegal|Japan|Canada|Costa Rica|Estonia} to the United Nations in Geneva",
    ],
    &[
        "{Kestrel|Lumen|Orbis|Meridian|Baobab|Andes|Nordlys|Sahel|Pacifica} {Telecom|Networks|Cloud|Data|Digital|Systems} {Ltd|Inc.|SA|GmbH|plc}",
        "{Kenya|Brazil|India|European|Latin American} Internet Service Providers Association",
        "{Global|Regional|National} {Chamber of Commerce|Business Council} for the Digital Economy",
    ],
    &[
        "{Open|Free|Fair|Safe} {Net|Web|Digital|Internet} {Foundation|Initiative|Collective|Network}",
        "{Centre|Association} for {Digital Rights|Media Development|Internet Freedom|Open Knowledge} in {Africa|Asia|Latin America|Europe}",
        "{Women|Youth|Community} {Online|Connected|Digital} {Alliance|Network}",
    ],
    &[
        "{.ke|.br|.de|.in|.za|.fr} {ccTLD Registry|Network Information Centre}",
        "{African|Asia-Pacific|Latin American|Middle East} Network Operators Group",
        "Internet Society {Kenya|Brazil|India|Germany|Lebanon|Nepal} Chapter",
    ],
    &[
        "University of {Nairobi|São Paulo|Oxford|Toronto|Cape Town|Hong Kong|Geneva|Delhi}",
        "{Centre|Institute} for {Internet and Society|Technology Policy|Digital Governance}, University of {Lagos|Bonn|Melbourne|Lisbon}",
        "{Berkman|Hertie|Oxford Internet|Alexander von Humboldt} {Institute|Centre}",
    ],
    &[
        "{International Telecommunication Union|UNESCO|OECD|Council of Europe|UNCTAD}",
        "{African Union Commission|Organization of American States|League of Arab States|ASEAN Secretariat}",
        "Commonwealth Telecommunications Organisation",
    ],
];
