//! The article cut into what the rules read: whether its first line is a title, its sentences
//! and their clauses (each a verbatim slice, with its byte offset in the text), and what each
//! clause is about: the signing, another stage (开工/竣工/投产), a period (今年以来, 上半年), a
//! target, or background.

/// What a clause reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Topic {
    /// The ceremony's own figures and projects.
    Signing,
    /// A 开工/竣工/投产 batch: never a signing.
    Stage,
    /// A period's figures: (from, to, the words that name it).
    Period(String, String, String),
    /// A target of a year.
    Target(i32),
    /// Anything else: background, cumulative figures, the place's economy.
    Background,
    /// A line that is not the article (source, editor, print links).
    Clutter,
}

/// A clause: a verbatim slice of the text at byte `start`, with its topic.
#[derive(Debug, Clone)]
pub struct Clause<'a> {
    pub text: &'a str,
    pub start: usize,
    pub topic: Topic,
    /// Index of its sentence in [`Doc::sentences`].
    pub sentence: usize,
}

#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    pub text: &'a str,
    pub start: usize,
}

/// The article as the rules read it.
pub struct Doc<'a> {
    pub text: &'a str,
    /// The first line, when it reads as a headline.
    pub title: Option<&'a str>,
    /// The body's sentences (the title's are apart).
    pub sentences: Vec<Sentence<'a>>,
    pub clauses: Vec<Clause<'a>>,
    pub published: String,
    pub year: i32,
}

const SENTENCE_ENDS: [char; 8] = ['。', '！', '？', '；', '!', '?', ';', '\n'];
const CLAUSE_ENDS: [char; 5] = [',', '，', '：', ':', '、'];

/// Lines that are a page's furniture, not the article.
const CLUTTER: &[&str] = &[
    "来源",
    "來源",
    "编辑",
    "編輯",
    "责任编辑",
    "責任編輯",
    "记者",
    "記者",
    "【打印】",
    "【关闭】",
    "打印本页",
    "关闭窗口",
    "分享到",
    "字号",
    "字號",
    "作者:",
    "作者：",
    "图片",
    "圖片",
    "摄影",
    "攝影",
    "通讯员",
    "通訊員",
    "责编",
    "責編",
    "审核",
    "審核",
];

/// An ASCII full stop written for 。 (saved copies often turn the punctuation to ASCII): a '.'
/// after Chinese text, a closing quote or bracket or a percent sign, and before Chinese text, a
/// digit (链式招商.2月16日), an opening quote or the line's end. 24.18亿元 and Co., Ltd. are not
/// sentence ends.
fn full_stop(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + 1..].chars().next();
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    before.is_some_and(|c| cjk(c) || "\"”’)）%】」".contains(c))
        && after.is_none_or(|c| {
            cjk(c) || c.is_ascii_digit() || c == '\n' || c == '\r' || "\"“‘(（【「".contains(c)
        })
}

/// Where the first of `ends` or an ASCII full stop ([`full_stop`]) is in `text`, if any.
pub fn stop_in(text: &str, ends: &[char]) -> Option<usize> {
    text.char_indices()
        .find(|&(i, c)| ends.contains(&c) || (c == '.' && full_stop(text, i)))
        .map(|(i, _)| i)
}

fn is_clutter(line: &str) -> bool {
    let chars = line.chars().count();
    let starts_with_date = line
        .chars()
        .take(4)
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && chars < 60;
    // A line with an amount (从资金来源看,内资项目13个、投资额80亿元…) is the article's, whatever
    // words it shares with a page's furniture.
    let furniture = chars < 60
        && CLUTTER.iter().any(|w| line.contains(w))
        && super::figures::money(line).is_empty();
    furniture || starts_with_date
}

/// A headline: a short line that does not end a sentence and is not a page's furniture.
fn is_title(line: &str) -> bool {
    let chars = line.chars().count();
    let ends = line.trim_end().ends_with(['。', '.', '；', ';', '，', ',']);
    (4..=64).contains(&chars)
        && !ends
        && !line.contains('。')
        && !is_clutter(line)
        && !line.starts_with(['(', '（', '本', '据'])
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, published: &str) -> Doc<'a> {
        let year = published
            .get(..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or(2000);
        let first_end = text.find('\n').unwrap_or(text.len());
        let title = Some(&text[..first_end]).filter(|l| is_title(l) && first_end < text.len());
        let body_start = if title.is_some() { first_end + 1 } else { 0 };
        let mut doc = Doc {
            text,
            title,
            sentences: Vec::new(),
            clauses: Vec::new(),
            published: published.to_string(),
            year,
        };
        doc.split(body_start);
        doc
    }

    fn split(&mut self, from: usize) {
        let text = self.text;
        let mut start = from;
        let mut line_clutter = false;
        let mut line_start = from;
        for (i, c) in text[from..].char_indices().map(|(i, c)| (i + from, c)) {
            if i == line_start {
                let line_end = text[i..].find('\n').map_or(text.len(), |e| e + i);
                line_clutter = is_clutter(&text[i..line_end]);
            }
            if SENTENCE_ENDS.contains(&c) || (c == '.' && full_stop(text, i)) {
                self.push_sentence(start, i + c.len_utf8(), line_clutter);
                start = i + c.len_utf8();
                if c == '\n' {
                    line_start = start;
                }
            }
        }
        self.push_sentence(start, text.len(), line_clutter);
    }

    fn push_sentence(&mut self, start: usize, end: usize, clutter: bool) {
        let raw = &self.text[start..end];
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim().trim_end_matches(SENTENCE_ENDS);
        let text = match text.strip_suffix('.') {
            Some(t) if full_stop(self.text, start + lead + t.len()) => t,
            _ => text,
        };
        if text.is_empty() {
            return;
        }
        let start = start + lead;
        let index = self.sentences.len();
        self.sentences.push(Sentence { text, start });
        let mut previous: Option<Topic> = None;
        let mut at = 0;
        for piece in text.split_inclusive(CLAUSE_ENDS) {
            let clause = piece.trim_end_matches(CLAUSE_ENDS);
            let offset = start + at;
            at += piece.len();
            if clause.trim().is_empty() {
                continue;
            }
            let topic = if clutter {
                Topic::Clutter
            } else {
                let before = &text[..at];
                let year = self.clause_year(text, at, piece.len(), start);
                // 共有39个项目集中签约、开工: a list's items share the batch's stage.
                // The list is the run of pieces joined by 、 around this one, no further.
                let piece_start = at - piece.len();
                let wide_start = if text[..piece_start].ends_with('、') {
                    text[..piece_start]
                        .rfind([',', '，', '：', ':'])
                        .map_or(0, |i| {
                            i + text[i..].chars().next().map_or(1, char::len_utf8)
                        })
                } else {
                    piece_start
                };
                let wide_end = if piece.ends_with('、') {
                    text[at..]
                        .find([',', '，', '：', ':'])
                        .map_or(text.len(), |i| at + i)
                } else {
                    at
                };
                let wide = &text[wide_start..wide_end];
                if wide.contains('、') && has_stage(wide) && !has_stage(clause) {
                    Topic::Stage
                } else {
                    match self.topic(clause, text, previous.as_ref(), year) {
                        Topic::Signing if looks_back(clause, before) => Topic::Background,
                        t => t,
                    }
                }
            };
            previous = Some(topic.clone());
            self.clauses.push(Clause {
                text: clause,
                start: offset,
                topic,
                sentence: index,
            });
        }
    }

    /// The year of a clause that ends at `at` in its sentence `text` (which starts at `start`).
    fn clause_year(&self, text: &str, at: usize, piece_len: usize, start: usize) -> i32 {
        // A year named earlier in the sentence (2021年,…全年新引进项目68个) is the clause's.
        let before = &text[..at];
        // 去年 in the clause itself is read with the clause (period_in).
        let earlier = &text[..at - piece_len];
        // 去年…,今年一季度…,全年力争…: the later of 去年 and 今年 said so far.
        let said = super::period::without_comparisons(before);
        let last_year_said = said.rfind("去年").is_some_and(|y| {
            said.rfind("今年").is_none_or(|t| t < y)
                && super::period::without_comparisons(earlier).contains("去年")
        });
        year_still_named(before).unwrap_or(if last_year_said {
            self.year - 1
        } else if said.contains("今年")
            || said.contains("去年")
            || TARGET_WORDS.iter().any(|w| text.contains(w))
        {
            // A target looks forward from the publication, whatever year came before.
            self.year
        } else {
            year_discussed(&self.text[..start], self.year)
        })
    }

    /// A clause's topic: its own words first, else the clause before it in the sentence, else
    /// the sentence's.
    fn topic(&self, clause: &str, sentence: &str, previous: Option<&Topic>, year: i32) -> Topic {
        // A sentence that continues the one before (after ；, or 其中/此外/另有 …) takes its
        // topic where it names none.
        let previous = match previous {
            None if self.continues(sentence) => self
                .clauses
                .last()
                .map(|c| &c.topic)
                .filter(|t| !matches!(t, Topic::Background | Topic::Clutter)),
            p => p,
        };
        let own = own_topic(clause, year, &self.published);
        if let Some(p) = goes_on(own.as_ref(), previous, clause) {
            return p;
        }
        // 发布了…共265个经济技术合作项目,总投资4893亿元: the total of a batch that is not
        // signed (offered, planned) is that batch's, though 总投资 alone reads as a signing's.
        // (协议投资额 names the figure, as 总投资 does: it signs nothing of its own.)
        if let (Some(Topic::Signing), Some(Topic::Background)) = (&own, previous)
            && !SIGNING_WORDS.iter().any(|w| {
                !w.ends_with("投资")
                    && !w.ends_with("投資")
                    && clause.match_indices(w).any(|(i, w)| {
                        !(w.starts_with("协") || w.starts_with("協"))
                            || !clause[i + w.len()..].starts_with(['投', '总', '總', '资', '資'])
                    })
            })
            && self.clauses.last().is_some_and(|c| {
                c.sentence == self.sentences.len() - 1
                    && (c.text.contains("项目") || c.text.contains("項目"))
                    && c.text.contains(|ch: char| ch.is_ascii_digit())
            })
        {
            return Topic::Background;
        }
        // 今年上半年,包头市地区生产总值完成1627亿元: the economy's figure after a period's words
        // is that period's.
        if let (Some(Topic::Background), Some(p @ Topic::Period(..))) = (&own, previous)
            && ECONOMY.iter().any(|w| clause.contains(w))
        {
            return p.clone();
        }
        // 目标任务是：全年引进80个产业项目: the year's figures after a target's words are the
        // target's.
        if let (Some(Topic::Period(from, ..)), Some(Topic::Target(year))) = (&own, previous)
            && from.get(..4) == Some(year.to_string().as_str())
        {
            return Topic::Target(*year);
        }
        if let Some(t) = own {
            return t;
        }
        if let Some(p) = previous {
            return p.clone();
        }
        // The sentence's words stand for a first clause that has none (12月27日,…举行…签约) only
        // when they are about a batch: a period or a target named later is the later clause's.
        // (落户企业400多家 does not make a sentence about the place a signing's; one about
        // projects is.)
        let signed = SIGNS.iter().any(|w| sentence.contains(w));
        let signs = signed
            || ["项目", "項目"]
                .iter()
                .chain(THIS_EVENT)
                .any(|w| sentence.contains(w));
        // A sentence that signs some projects and starts others (签约80个项目,…等储能项目顺利
        // 开工) gives its first clause neither topic.
        match own_topic(sentence, year, &self.published) {
            Some(Topic::Signing) if signs => Topic::Signing,
            Some(Topic::Stage) if !signed => Topic::Stage,
            _ => Topic::Background,
        }
    }

    fn continues(&self, sentence: &str) -> bool {
        let offset = (sentence.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let after_semicolon = self.text[..offset.min(self.text.len())]
            .trim_end()
            .ends_with(['；', ';', '：', ':']);
        let cue = [
            "其中", "此外", "另有", "还有", "還有", "另外", "同时", "同時", "同期",
        ]
        .iter()
        .any(|w| sentence.starts_with(w));
        let list = [
            "类项目",
            "類項目",
            "项目是",
            "項目是",
            "项目为",
            "項目為",
            "项目有",
            "項目有",
            "项目包括",
            "項目包括",
        ]
        .iter()
        .any(|w| sentence.contains(w));
        // 15个项目中有5个…: a sentence that opens on the batch counted before goes on about it.
        let counted = sentence.trim_start_matches(|c: char| {
            c.is_ascii_digit() || "一二三四五六七八九十百两兩".contains(c)
        });
        let of_batch = counted.len() < sentence.len()
            && ["个项目中", "個項目中", "项项目中", "項項目中"]
                .iter()
                .any(|w| counted.starts_with(w));
        // 从投资规模上看,…: a sentence that divides the 开工 batch before it is about that batch.
        let after_stage = self.clauses.last().is_some_and(|c| c.topic == Topic::Stage);
        let divides = after_stage
            && sentence.split([',', '，']).next().is_some_and(|first| {
                (first.starts_with('从') || first.starts_with('從'))
                    && first.ends_with('看')
                    && first.chars().count() <= 10
            });
        after_semicolon || cue || list || divides || of_batch
    }

    /// Whether a clause of sentence `index` has a topic `wanted` takes.
    pub fn sentence_has(&self, index: usize, wanted: impl Fn(&Topic) -> bool) -> bool {
        self.clauses
            .iter()
            .any(|c| c.sentence == index && wanted(&c.topic))
    }

    /// The sentence a byte offset falls in.
    pub fn sentence_at(&self, at: usize) -> Option<&Sentence<'a>> {
        self.sentences
            .iter()
            .find(|s| s.start <= at && at <= s.start + s.text.len())
    }
}

/// The topic of the clause before, where the clause goes on about it: a period's, a target's or
/// a batch's sentence goes on unless the clause names this event.
fn goes_on(own: Option<&Topic>, previous: Option<&Topic>, clause: &str) -> Option<Topic> {
    // A period's sentence goes on about the period unless a clause names this event.
    // (After a 开工 batch's figures, a clause that itself signs — 活动共开工29个项目,…;签约
    // 30个项目 — is the signing's.)
    if let (Some(Topic::Signing), Some(p @ (Topic::Period(..) | Topic::Target(_) | Topic::Stage))) =
        (own, previous)
        && !THIS_EVENT.iter().any(|w| clause.contains(w))
        && !(*p == Topic::Stage && SIGNS.iter().any(|w| clause.contains(w)))
    {
        return Some(p.clone());
    }
    // 今年一季度,…新签约…;新开工项目14个,总投资56.3亿元: a tally of projects started over the
    // period is a figure of that period; a batch (3月28日,…14个重大项目同步开工) is not.
    if let (Some(Topic::Stage), Some(p @ Topic::Period(..))) = (own, previous)
        && !THIS_EVENT.iter().any(|w| clause.contains(w))
        && STARTED_TALLY.iter().any(|w| clause.contains(w))
    {
        return Some(p.clone());
    }
    None
}

const THIS_EVENT: &[&str] = &[
    "此次",
    "本次",
    "这次",
    "這次",
    "当天",
    "當天",
    "现场",
    "現場",
    "会上",
    "會上",
    "仪式上",
    "儀式上",
    "集中签约",
    "集中簽約",
    "签约仪式",
    "簽約儀式",
    "活动中",
    "活動中",
    "大会上",
    "大會上",
];
/// The place's record over the years (近年来,全县累计引进项目326个; 全县已落户世界500强企业32家;
/// 园区现有入驻企业120家), not this signing's, unless the clause names this event.
fn looks_back(clause: &str, sentence_so_far: &str) -> bool {
    let this_event = |t: &str| THIS_EVENT.iter().any(|w| t.contains(w));
    LOOKING_BACK.iter().any(|w| clause.contains(w)) && !this_event(clause)
        || SINCE_YEARS.iter().any(|w| sentence_so_far.contains(w)) && !this_event(sentence_so_far)
}

/// Words of a clause about the place's record, not a batch.
const LOOKING_BACK: &[&str] = &[
    "累计",
    "累計",
    "先后",
    "先後",
    "已落户",
    "已落戶",
    "已入驻",
    "已入駐",
    "已进驻",
    "已進駐",
    "入园企业",
    "入園企業",
    "入驻企业达",
    "入駐企業達",
    "现有",
    "現有",
    "历年",
    "歷年",
];
/// Words that open a sentence about the years before (近年来, …).
const SINCE_YEARS: &[&str] = &[
    "近年来",
    "近年來",
    "近几年",
    "近幾年",
    "多年来",
    "多年來",
    "近些年",
];
/// The verbs of signing.
pub(super) const SIGNS: &[&str] = &["签约", "簽約", "签订", "簽訂", "签署", "簽署"];
/// Progress against a target, not a target (完成任务的98.7%).
pub const PROGRESS: &[&str] = &["任务的", "任務的", "目标的", "目標的", "计划的", "計劃的"];
const STAGE_WORDS: &[&str] = &[
    "开工", "開工", "竣工", "投产", "投產", "开业", "開業", "达产", "達產", "奠基", "动工", "動工",
    "破土",
];
/// Words of a stage that name a batch only where [`started_building`] says so.
const STARTS_BUILDING: &[&str] = &[
    "启动建设",
    "啟動建設",
    "加快建设",
    "加快建設",
    "正在建设",
    "正在建設",
];
/// Words of a tally of projects started over a period (新开工项目14个, 开工率45.2%), not of a
/// batch started on a day.
const STARTED_TALLY: &[&str] = &[
    "新开工",
    "新開工",
    "已开工",
    "已開工",
    "开工率",
    "開工率",
    "开复工",
    "開復工",
    "累计开工",
    "累計開工",
];
const SIGNING_WORDS: &[&str] = &[
    "促成",
    "入驻",
    "入駐",
    "进驻",
    "進駐",
    "落地",
    "扎堆",
    "签约",
    "簽約",
    "签订",
    "簽訂",
    "签署",
    "簽署",
    "协议",
    "協議",
    "落户",
    "落戶",
    "引进",
    "引進",
    "总投资",
    "總投資",
];
const TARGET_WORDS: &[&str] = &[
    "目标",
    "目標",
    "任务",
    "任務",
    "力争",
    "力爭",
    "确保",
    "確保",
    "计划全年",
    "計劃全年",
    "全年计划",
    "全年計劃",
];

/// Words of the place's economy, not of its investment promotion.
const ECONOMY: &[&str] = &[
    "生产总值",
    "生產總值",
    "GDP",
    "预算收入",
    "預算收入",
    "财政收入",
    "財政收入",
    "财政总收入",
    "財政總收入",
    "税收收入",
    "稅收收入",
    "税收占比",
    "稅收占比",
    "复工率",
    "復工率",
    "工业增加值",
    "工業增加值",
    "消费品零售",
    "消費品零售",
    "进出口总额",
    "進出口總額",
    "居民人均",
    "工业总产值",
    "工業總產值",
    "工业产值",
    "工業產值",
    "产业实现销售收入",
    "產業實現銷售收入",
];

/// Whether a clause states where projects stand (已投产项目7个, 在建项目13个, 尚未开工): a state,
/// not a batch.
pub fn states_progress(clause: &str) -> bool {
    [
        "已投产",
        "已投產",
        "在建",
        "尚未",
        "已开工",
        "已開工",
        "拟于",
        "擬於",
    ]
    .iter()
    .any(|w| clause.contains(w))
        && !clause.contains("集中")
}

/// Whether a text names a stage reached: 建成达产后, 投产后 are a forecast's time, not a batch.
pub(super) fn has_stage(text: &str) -> bool {
    let reached = |w: &&str| {
        text.match_indices(*w)
            .any(|(i, _)| !text[i + w.len()..].starts_with(['后', '後']))
    };
    STAGE_WORDS.iter().any(reached) || STARTS_BUILDING.iter().any(reached) && started_building(text)
}

/// 启动建设 names a batch of its stage only where the text signs nothing (10个项目现场签约并启动
/// 建设 is a signing) and looks forward to nothing (项目计划年内启动建设 is a plan).
fn started_building(text: &str) -> bool {
    const PLANS: &[&str] = &[
        "计划", "計劃", "将", "將", "拟", "擬", "力争", "力爭", "预计", "預計", "年内", "年內",
    ];
    !SIGNS.iter().chain(PLANS).any(|w| text.contains(w))
}

/// Whether a clause speaks of projects put on offer, not signed.
fn offered(clause: &str) -> bool {
    // Projects offered, not signed: 重点推介了, 发布了…项目, 储备项目 (会上发布了30个项目
    // too, unless the clause signs).
    let has = |words: &[&str]| words.iter().any(|w| clause.contains(w));
    let offered = has(&[
        "推介了",
        "重点推介",
        "重點推介",
        "对外推介",
        "對外推介",
        "發布了",
        "發佈了",
        "发布了",
        "对外发布",
        "對外發布",
        "對外發佈",
        "集中发布",
        "集中發布",
        "集中發佈",
        "储备项目",
        "儲備項目",
        "在谈项目",
        "在談項目",
    ]);
    // 推出招商项目600余个, 包装推出…项目, 已确定了…招商引资项目, 共推介招商引资项目65个, 发布首批133个, 招商总规模: a
    // list of projects on offer (not 推介会, the occasion).
    let promoted = has(&["招商项目", "招商項目", "招商引资项目", "招商引資項目"]);
    // 洽谈推进重点项目16个, 计划安排项目71个, 确立了115个重点项目, 并发布招商项目88个: projects
    // negotiated, planned or offered, where the clause signs none (发布并签约 signs).
    let planned = !has(SIGNS)
        && (has(&[
            "洽谈推进",
            "洽談推進",
            // 活动共推进项目48个: a 三个一批 day's projects signed, started and finished together.
            "共推进",
            "共推進",
            "计划安排项目",
            "計劃安排項目",
            "确立了",
            "確立了",
        ]) || has(&["发布", "發布", "發佈"]) && promoted);
    // 储备比较成熟的产业链招商项目361个: projects held in reserve (where the clause signs none).
    // Only where the reserve is counted after 项目 and no word of the clause signs or lands
    // projects (储备库项目落户, 5个储备多年的项目成功落户 are signings).
    let reserved = has(&["储备", "儲備"])
        && !has(SIGNING_WORDS)
        && ["项目", "項目"].iter().any(|w| {
            clause
                .match_indices(w)
                .any(|(i, w)| clause[i + w.len()..].starts_with(|c: char| c.is_ascii_digit()))
        });
    reserved
        || offered
        // 此次共推介项目46个: the projects promoted (where the clause signs none of them).
        || has(&["推介项目", "推介項目"]) && !has(SIGNS)
        || planned
        || has(&["推出", "包装", "包裝", "确定了", "確定了"]) && promoted
        || has(&[
            "招商总规模",
            "招商總規模",
            "发布首批",
            "發布首批",
            "發佈首批",
        ])
        || promoted
            && clause
                .match_indices("推介")
                .any(|(i, w)| !clause[i + w.len()..].starts_with(['会', '會', '活', '大']))
}

/// The topic a clause's own words give, if they give one.
pub fn own_topic(clause: &str, year: i32, published: &str) -> Option<Topic> {
    // 拜访目标企业35家: the companies aimed at, not a target.
    let mut clause = clause.to_string();
    for w in ["目标企业", "目標企業", "目标客商", "目標客商"] {
        clause = clause.replace(w, "企业");
    }
    let clause = clause.as_str();
    let has = |words: &[&str]| words.iter().any(|w| clause.contains(w));
    let signing = has(SIGNING_WORDS);
    // A batch signed and started together (集中签约、开工项目共73个) is not the signing's.
    if has_stage(clause) {
        // 下半年已推动三批57个项目集中签约开工: a period's tally, not a batch.
        // 1-9月新开工项目85个 too: a tally of projects started over a period (新开工, 开工率),
        // not a batch started on a day (一季度重大项目开工).
        let period = super::period::period_in(clause, year, published).filter(|_| {
            has(SIGNING_WORDS) && (!has(THIS_EVENT) || has(&["以来", "以來"]))
                || !has(THIS_EVENT) && has(STARTED_TALLY)
        });
        return Some(period.unwrap_or(Topic::Stage));
    }
    // 完成工作任务的98.7%, 完成市分配任務25億元的142.4%, 占…任務…的31.4%: progress of the
    // period, not a target.
    let percent = clause.contains(['%', '％']);
    // 已超额完成全年目标任务 (no figure): a remark on the period's progress too.
    let figure = clause.contains(|c: char| c.is_ascii_digit());
    if has(&["完成"]) && (has(PROGRESS) || (!figure && has(TARGET_WORDS)))
        || (percent
            && has(&["完成", "占", "佔"])
            && has(&["任务", "任務", "目标", "目標", "计划", "計劃"]))
    {
        return None;
    }
    let offered = offered(clause);
    if offered && !has(SIGNS) {
        return Some(Topic::Background);
    }
    if has(THIS_EVENT) && !has(&["以来", "以來"]) {
        return Some(Topic::Signing);
    }
    // The place's economy (全县完成GDP212.3亿元, 复工率已达98.5%): background, whatever its
    // period, unless the clause is about signing.
    if offered || (has(ECONOMY) && !signing) {
        // 上半年全市地区生产总值1627亿元: the economy over a period the clause names is a figure
        // of that period (a statistic either way; of the place when no period is named).
        if !offered && let Some(p) = super::period::period_in(clause, year, published) {
            return Some(p);
        }
        return Some(Topic::Background);
    }
    if has(TARGET_WORDS) {
        let target_year =
            explicit_year(clause).unwrap_or(if has(&["明年"]) { year + 1 } else { year });
        return Some(Topic::Target(target_year));
    }
    if let Some(p) = super::period::period_in(clause, year, published) {
        return Some(p);
    }
    signing.then_some(Topic::Signing)
}

/// The year the text before a sentence was last about: 2006年 (the year before publication or
/// the year itself, not a range's start: 2006年以来, 到2025年), 去年 or 今年, whichever came last;
/// else the year of publication. 2006年,全州签约… then 全年…到位资金13.91亿元 is of 2006.
fn year_discussed(before: &str, published: i32) -> i32 {
    let said = super::period::without_comparisons(before);
    let mut best: Option<(usize, i32)> = None;
    let mut note = |at: usize, y: i32| {
        if best.is_none_or(|(b, _)| at > b) {
            best = Some((at, y));
        }
    };
    if let Some(i) = said.rfind("今年") {
        note(i, published);
    }
    if let Some(i) = said.rfind("去年") {
        note(i, published - 1);
    }
    for (i, _) in said.match_indices('年') {
        let end = i + '年'.len_utf8();
        let Some(y) = year_at(&said, i) else {
            continue;
        };
        let after = &said[end..];
        let lead = said[..i - 4].chars().next_back();
        let range = [
            "以来", "来", "起", "至", "到", "前", "后", "後", "-", "—", "~",
        ]
        .iter()
        .any(|w| after.starts_with(w))
            || lead.is_some_and(|c| ['到', '至', '于', '於', '自', '从', '從'].contains(&c));
        // 比2020年增长11.9%, 与2020年相比: the year compared with, not the one discussed.
        let compared = lead.is_some_and(|c| ['比', '较', '較'].contains(&c))
            || ["相比", "同期相比", "相較", "相较"]
                .iter()
                .any(|w| after.starts_with(w));
        if !range && !compared && (published - 1..=published).contains(&y) {
            note(i, y);
        }
    }
    best.map_or(published, |(_, y)| y)
}

/// The last year a text names (2021年).
pub(super) fn last_year(text: &str) -> Option<i32> {
    last_year_at(text).map(|(_, year)| year)
}

/// The last year a text names (2021年), with the byte where its 年 is.
fn last_year_at(text: &str) -> Option<(usize, i32)> {
    text.match_indices('年')
        .filter_map(|(i, _)| Some((i, year_at(text, i)?)))
        .next_back()
}

/// The last year a text names, unless 今年 is said after it: in 2022年,全市新签约…,今年将力争…
/// the target is the publication's year, not 2022.
fn year_still_named(text: &str) -> Option<i32> {
    let (at, year) = last_year_at(text)?;
    text.rfind("今年").is_none_or(|t| t < at).then_some(year)
}

/// The year a clause names first (2016年), if any.
fn explicit_year(text: &str) -> Option<i32> {
    text.match_indices('年').find_map(|(i, _)| year_at(text, i))
}

/// The year written just before the 年 at byte `i`: four digits (2021年).
fn year_at(text: &str, i: usize) -> Option<i32> {
    let digits = text[..i]
        .bytes()
        .rev()
        .take_while(u8::is_ascii_digit)
        .count();
    (digits == 4).then(|| text[i - 4..i].parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::{explicit_year, last_year, year_discussed};

    /// A year after another 年 (去年, 全年) is still read: each 年 is looked at, not only the
    /// text's first.
    #[test]
    fn years_after_another_nian() {
        assert_eq!(
            last_year("比去年同期增长,2021年全县新引进项目68个"),
            Some(2021)
        );
        assert_eq!(last_year("2019年至2021年"), Some(2021));
        assert_eq!(explicit_year("全年目标任务,2016年签订项目31个"), Some(2016));
        assert_eq!(last_year("去年全年"), None);
    }

    /// A year compared with (比2020年增长) is not the year the text goes on about (words written
    /// for this test).
    #[test]
    fn a_year_compared_with_is_not_discussed() {
        assert_eq!(
            year_discussed("资产总额超过1万亿元,比2020年增长9.5%;", 2021),
            2021
        );
        assert_eq!(year_discussed("2020年,全省签约项目85个;", 2021), 2020);
        assert_eq!(year_discussed("与2020年相比,增长9.5%;", 2021), 2021);
    }
}
