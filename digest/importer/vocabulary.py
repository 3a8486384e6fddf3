"""The words posts use for their labels, in every language we know, plus what copies make of them.

Built from the defaults in digest/labels.py, a series' own labels, and the variants seen in
real copies (machine translations write "in Slak handle" or "(in @ handle slake)").
"""

import re

from reviews.enums import LinkKind

from ..labels import DEFAULTS

ALIASES = {
    "authors_label": [
        "Authors",
        "Article authors",
        "Authors of the article",
        "Paper authors",
        "Авторы",
        "Автор статьи",
    ],
    "review_author_label": ["Review author", "Review by", "Reviewer", "Автор обзора", "Обзор подготовил"],
    "original_label": ["Original article", "Original", "Paper", "Оригинал статьи", "Оригинал", "Статья"],
    "toc_heading": ["Articles for today:", "Papers for today:", "Статьи на сегодня:"],
    "previous_heading": ["Links to past collections of the series:", "Ссылки на прошлые подборки серии:"],
}
CHAT_WORDS = {"slack", "slak", "slake", "slacke", "слэке", "слэк", "слаке", "слак", "ods", "чате"}
BLOG_WORDS = {"habr", "habre", "хабре", "хабр", "хабра", "habrahabr"}
FILLER_WORDS = {"в", "in", "on", "на", "en", "पर", "@", "at", "-", "—", "the"}

LINK_KINDS = [
    (
        LinkKind.CODE,
        r"github|gitlab|bitbucket|\bcode\b|\bкод|c[óo]digo|कोड|代码|源码|репозитор|\brepo\b|kaggle\.com/code",
    ),
    (LinkKind.VIDEO, r"video|vídeo|видео|वीडियो|视频|youtube|youtu\.be|vimeo|bilibili|доклад|\btalk\b"),
    (LinkKind.BLOG, r"\bblog|блог|ब्लॉग|博客|medium\.com|habr|towardsdatascience|substack|\bpost\b"),
    (LinkKind.DEMO, r"\bdemo\b|демо|huggingface\.co/spaces|colab"),
    (
        LinkKind.PROJECT,
        r"project|проект|proyecto|परियोजना|项目|\bsite\b|website|homepage|сайт|sitio|वेबसाइट|网站|主页|\.github\.io",
    ),
]


def classify_link(label, url=""):
    """code, video, blog, demo, project or other, from the label first, then the URL."""
    for text in (label, url):
        for kind, pattern in LINK_KINDS:
            if text and re.search(pattern, text, re.I):
                return kind.value
    return LinkKind.OTHER.value


def _norm(text):
    return " ".join(text.casefold().replace("ё", "е").rstrip(":").split())


class Vocabulary:
    """Label sets for reading: every language's defaults, the aliases, and the given series' labels."""

    def __init__(self, series_labels=None):
        self.words = {}
        for name in ("authors_label", "review_author_label", "original_label", "toc_heading", "previous_heading"):
            known = [defaults[name] for defaults in DEFAULTS.values()] + ALIASES[name]
            if series_labels and series_labels.get(name):
                known.append(series_labels[name])
            self.words[name] = {_norm(word) for word in known if word}
        self.chat = set(CHAT_WORDS)
        self.blog = set(BLOG_WORDS)
        for defaults in [*DEFAULTS.values(), series_labels or {}]:
            self.chat |= set(_norm(defaults.get("chat_label", "")).split()) - FILLER_WORDS
            self.blog |= set(_norm(defaults.get("blog_label", "")).split()) - FILLER_WORDS

    def is_label(self, name, text):
        return _norm(text) in self.words[name]

    def starts_with_label(self, name, line):
        """The label `name` at the start of `line` ("Авторы статьи: …"), as written, or None."""
        head, colon, _rest = line.partition(":")
        return head.strip() if colon and self.is_label(name, head) else None


# --- the tolerant reader's wider vocabulary ---------------------------------------------------------
# Labels as machine translations and older posts wrote them, in our five languages; and the words
# that make an unknown label one of ours ("Authors of the paper", "Reviewed by", "Posted by").
MORE_ALIASES = {
    "authors_label": [
        "Author of the article", "Authors of the paper", "The authors of the article", "Article's authors",
        "Paper by", "Autores", "Autores del paper", "Autor del artículo", "लेखक", "作者", "文章作者",
    ],
    "review_author_label": [
        "Posted by", "Reviewed by", "Author of the review", "Review written by", "Обзор написал", "Рецензент",
        "Автор рецензии", "Опубликовал", "Автор", "Reseña de", "Publicado por", "Autor", "समीक्षक",
        "评论者", "综述作者", "发布者",
    ],
    "original_label": [
        "Original paper", "Article", "The original article", "Source", "Link to the article", "arXiv", "PDF",
        "Источник", "Ссылка на статью", "Artículo", "Fuente", "लेख", "स्रोत", "论文", "来源", "原文链接",
    ],
    "toc_heading": ["Papers of the day:", "Today's articles:", "Содержание:", "Contents:", "Índice:"],
}  # fmt: skip
AUTHOR_WORDS = {"author", "authors", "автор", "авторы", "autor", "autores", "लेखक", "作者"}
REVIEW_WORDS = {
    "review", "reviewer", "reviewed", "обзор", "обзора", "рецензия", "рецензии", "рецензент", "reseña",
    "revisión", "समीक्षा", "समीक्षक", "评论", "综述", "点评", "posted", "опубликовал", "publicado", "发布",
}  # fmt: skip
# The other words an unknown label may hold ("Authors of the paper", "Review written by").
LABEL_FILLERS = {
    "of", "the", "this", "article", "articles", "paper", "papers", "by", "written", "prepared", "статьи", "статей",
    "статья", "подготовил", "подготовила", "написал", "написала", "del", "de", "la", "el", "artículo", "के", "की",
    "लेख", "द्वारा", "по", "by:", "original", "originales", "original's",
}  # fmt: skip
# A links line's labels: the original and the usual extras, in our languages and their translations.
LINK_WORDS = {
    "original", "paper", "article", "source", "arxiv", "pdf", "оригинал", "статья", "статьи", "источник",
    "artículo", "fuente", "मूल", "लेख", "स्रोत", "原文", "论文", "code", "github", "gitlab", "код", "código",
    "कोड", "代码", "源码", "repo", "repository", "репозиторий", "site", "website", "сайт", "sitio", "वेबसाइट",
    "网站", "project", "проект", "проекта", "proyecto", "परियोजना", "项目", "blog", "блог", "ब्लॉग", "博客",
    "post", "video", "видео", "vídeo", "वीडियो", "视频", "talk", "доклад", "youtube", "slides", "слайды",
    "презентация", "diapositivas", "presentación", "स्लाइड", "幻灯片", "presentation", "demo", "демо",
    "poster", "dataset", "датасет", "page", "homepage", "official", "unofficial", "non", "implementation",
    "реализация", "the", "of", "de", "del", "on", "in", "at", "по", "на", "en", "से", "и", "and", "y",
}  # fmt: skip
LINK_FILLERS = {
    "the",
    "of",
    "de",
    "del",
    "non",
    "official",
    "unofficial",
    "on",
    "in",
    "at",
    "по",
    "на",
    "en",
    "से",
    "и",
    "and",
    "y",
}
CJK_LINK_WORDS = ("原文", "论文", "代码", "源码", "网站", "项目", "博客", "视频", "幻灯片")
LABEL_WORD = re.compile(r"\w+")


class TolerantVocabulary(Vocabulary):
    """The vocabulary of the tolerant reader: more aliases, and label words that decide an unknown label."""

    def __init__(self, series_labels=None):
        super().__init__(series_labels)
        for name, words in MORE_ALIASES.items():
            self.words[name] |= {_norm(word) for word in words}

    @staticmethod
    def _words(text):
        return {word.casefold() for word in LABEL_WORD.findall(text)}

    def label_kind(self, label):
        """ "authors", "reviewer", "links" or None for the text before a header line's colon."""
        if not label or len(label) > 60 or "http" in label.casefold():
            return None
        if self.is_label("review_author_label", label):
            return "reviewer"
        if self.is_label("authors_label", label):
            return "authors"
        if self.is_label("original_label", label):
            return "links"
        words = self._words(label)
        text = label.casefold()
        if len(words) > 5:
            return None
        if words & REVIEW_WORDS and words <= REVIEW_WORDS | AUTHOR_WORDS | LABEL_FILLERS:
            return "reviewer"
        if any(word in text for word in ("评论", "综述", "发布")):
            return "reviewer"
        if words & AUTHOR_WORDS and words <= AUTHOR_WORDS | LABEL_FILLERS:
            return "authors"
        if "作者" in text:
            return "authors"
        return None

    def is_link_label(self, text):
        """Whether `text` is the label of a link alone ("Original article", "Код", "GitHub project")."""
        text = text.strip().strip(":：").strip()
        if not text or len(text) > 60:
            return False
        if self.is_label("original_label", text):
            return True
        words = self._words(text)
        if not words or len(words) > 6:
            return False
        cjk = "".join(char for char in text if "\u4e00" <= char <= "\u9fff")
        if cjk:
            return any(word in cjk for word in CJK_LINK_WORDS)
        return words <= LINK_WORDS and bool(words - LINK_FILLERS)
