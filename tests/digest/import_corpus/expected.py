# ruff: noqa: E501  (the expected fields are data, one review per call, as its post writes them)
"""What each post of the corpus says, written from its text: the reviews with their fields, and the
notes the importer must give on each review (what the post does not say).

A review is Review(title, authors, affiliations, year, original (label, URL), links [(kind, label,
URL)], reviewer (name, chat handle, blog handle)). `notes` gives, per review number, the note codes
expected (digest/importer/notes.py); reviews not listed must have exactly the notes of STANDARD.
The example posts' transformations take their reviews from the hand-written lists of
tests/digest/test_import.py and change what the transformation changed.
"""

import dataclasses
import datetime
from typing import NamedTuple

from tests.digest.test_import import ENGLISH_2018, ENGLISH_2020, RUSSIAN

D = datetime.date


class Review(NamedTuple):
    title: str
    authors: str
    affiliations: str
    year: int | None
    original: tuple
    links: list
    reviewer: tuple


@dataclasses.dataclass
class Variant:
    reviews: list
    language: str
    period: tuple | None  # (first month, last month) named in the title, or None
    notes: dict = dataclasses.field(default_factory=dict)  # review number -> note codes
    post_notes: list = dataclasses.field(default_factory=list)  # codes of the post's own notes
    address: dict = dataclasses.field(default_factory=dict)  # review number -> the reviewer's address
    body: dict = dataclasses.field(default_factory=dict)  # review number -> words its body must hold
    covers: str = ""


def review(*fields):
    return Review(*fields)


def notes_of(item):
    """The codes a review's notes should hold, from what its fields lack (the parts every test shares)."""
    title, authors, affiliations, year, (label, url), links, (name, chat, blog) = item
    codes = []
    if not authors:
        codes.append("no_authors")
    if not affiliations:
        codes.append("no_affiliations")
    if year is None:
        codes.append("no_year")
    if not (label or url or links):
        codes.append("no_links")
    elif not (label or url):
        codes.append("no_original")
    elif label and not url:
        codes.append("link_without_address")
    codes += ["link_without_address" for _kind, link_label, link_url in links if link_label and not link_url]
    if not (name or chat or blog):
        codes.append("no_reviewer")
    elif not name:
        codes.append("reviewer_handle_only")
    return codes


ORIGINAL_RU = ("Оригинал статьи", "")
ORIGINAL = ("Original article", "")

VARIANTS = {
    "v01-2017-ru-bare-contents.txt": Variant(
        covers="2017: contents of bare titles, 'N. Title' headings, 'Оригинал статьи' alone, no authors line",
        language="ru", period=(D(2017, 9, 1), D(2017, 9, 1)),
        reviews=[
            review("Deep Image Prior", "", "", None, ORIGINAL_RU, [], ("", "dmitry_u", "")),
            review("Mask R-CNN", "", "", None, ORIGINAL_RU, [], ("", "kaiming_fan", "")),
            review("Focal Loss for Dense Object Detection", "", "", None, ORIGINAL_RU, [], ("", "ross.g", "")),
        ],
        body={1: "Ранняя остановка здесь важнее любой регуляризации."},
    ),
    "v02-2017-en-arrow-links-per-line.txt": Variant(
        covers="2017: one link per line with arrows, 'Posted by: handle'",
        language="en", period=(D(2017, 10, 1), D(2017, 10, 1)),
        reviews=[
            review("Attention Is All You Need", "", "", None, ORIGINAL,
                   [("code", "Code", ""), ("project", "Site", "")], ("", "vaswani_fan", "")),
            review("Dynamic Routing Between Capsules", "", "", None, ORIGINAL, [("code", "Code", "")],
                   ("", "hinton.reader", "")),
        ],
    ),
    "v03-2017-en-links-without-arrows.txt": Variant(
        covers="2017: one link per line without arrows (code on GitHub, slides, video)",
        language="en", period=(D(2017, 11, 1), D(2017, 11, 1)),
        reviews=[
            review("Neural Architecture Search with Reinforcement Learning", "", "", None, ORIGINAL,
                   [("code", "Code on GitHub", ""), ("other", "Slides", "")], ("", "zoph_reader", "")),
            review("Understanding deep learning requires rethinking generalization", "", "", None, ORIGINAL,
                   [("video", "Video", "")], ("", "bengio_student", "")),
        ],
    ),
    "v04-2017-en-obfuscated-address.txt": Variant(
        covers="2017: reviewer as an obfuscated address 'name {at} host {dot} ee'",
        language="en", period=(D(2017, 12, 1), D(2017, 12, 1)),
        reviews=[
            review("Mean teachers are better role models", "", "", None, ORIGINAL, [], ("", "", "")),
            review("Temporal Ensembling for Semi-Supervised Learning", "", "", None, ORIGINAL, [], ("", "", "")),
            review("Unsupervised Representation Learning by Predicting Image Rotations", "", "", None, ORIGINAL, [],
                   ("", "spyros_g", "")),
        ],
        address={1: "egor@ut.ee", 2: "maria@cs.example.org"},
        notes={
            1: ["no_authors", "no_affiliations", "no_year", "link_without_address", "reviewer_address"],
            2: ["no_authors", "no_affiliations", "no_year", "link_without_address", "reviewer_address"],
        },
    ),
    "v05-2017-html-habr-h2-spoiler.html": Variant(
        covers="HTML: Habr page, <h2> headings, contents as <br>-separated bare titles, spoilers, images, comments",
        language="ru", period=(D(2017, 8, 1), D(2017, 8, 1)),
        reviews=[
            review("Wasserstein GAN", "", "", None, ("Оригинал статьи", "https://arxiv.org/abs/1701.07875"), [],
                   ("", "gan_lover", "")),
            review("Improved Training of Wasserstein GANs", "", "", None,
                   ("Оригинал статьи", "https://arxiv.org/abs/1704.00028"),
                   [("code", "Код", "https://github.com/igul222/improved_wgan_training")], ("", "gan_lover", "")),
        ],
        body={
            1: "![](https://habrastorage.org/webt/aa/bb/cc/wgan.png)",
            2: "**Подробности эксперимента**\n\nОбучали на CIFAR-10 и LSUN без подбора гиперпараметров.",
        },
    ),
    "v06-2018-ru-contents-with-details.txt": Variant(
        covers="2018: contents with (affiliations, year), header without them",
        language="ru", period=(D(2018, 1, 1), D(2018, 1, 1)),
        reviews=[
            review("Squeeze-and-Excitation Networks", "Jie Hu, Li Shen, Gang Sun", "University of Oxford, Momenta", 2017,
                   ORIGINAL_RU, [], ("Игорь Соколов", "igor_s", "")),
            review("Deep Learning Scaling is Predictable, Empirically",
                   "Joel Hestness, Sharan Narang, Newsha Ardalani, Gregory Diamos", "Baidu Research", 2017,
                   ORIGINAL_RU, [], ("Ольга Белова", "obelova", "")),
            review("Progressive Growing of GANs for Improved Quality, Stability, and Variation",
                   "Tero Karras, Timo Aila, Samuli Laine, Jaakko Lehtinen", "NVIDIA", 2017, ORIGINAL_RU, [],
                   ("Игорь Соколов", "igor_s", "")),
        ],
    ),
    "v07-2018-en-machine-translated-mirror.txt": Variant(
        covers="machine-translated labels: 'Authors of the article', 'Source', 'Posted by'",
        language="en", period=(D(2018, 4, 1), D(2018, 4, 1)),
        reviews=[
            review("Learning to Reweight Examples for Robust Deep Learning",
                   "Mengye Ren, Wenyuan Zeng, Bin Yang, Raquel Urtasun", "University of Toronto, Uber ATG", 2018,
                   ("Source", ""), [], ("Anna Petrova", "anna_p", "")),
            review("Group Normalization", "Yuxin Wu, Kaiming He", "Facebook AI Research", 2018, ("Source", ""),
                   [("code", "Code", "")], ("Pavel Orlov", "porlov", "orlov_p")),
        ],
    ),
    "v08-2019-es-full-header.txt": Variant(
        covers="2019 full header block, Spanish labels",
        language="es", period=(D(2019, 7, 1), D(2019, 7, 1)),
        reviews=[
            review("XLNet: Generalized Autoregressive Pretraining for Language Understanding",
                   "Zhilin Yang, Zihang Dai, Yiming Yang, Jaime Carbonell, Ruslan Salakhutdinov, Quoc V. Le",
                   "Carnegie Mellon University, Google Brain", 2019, ("Artículo original", ""),
                   [("code", "Código", ""), ("project", "Sitio del proyecto", "")], ("Ana Ruiz", "ana_r", "anaruiz")),
            review("Weight Agnostic Neural Networks", "Adam Gaier, David Ha", "Google Brain", 2019,
                   ("Artículo original", ""), [("video", "Vídeo", "")], ("Luis Gil", "lgil", "")),
        ],
    ),
    "v09-2019-hi-labels.txt": Variant(
        covers="Hindi labels",
        language="hi", period=(D(2019, 8, 1), D(2019, 8, 1)),
        reviews=[
            review("ERNIE: Enhanced Language Representation with Informative Entities",
                   "Zhengyan Zhang, Xu Han, Zhiyuan Liu, Xin Jiang, Maosong Sun, Qun Liu", "Tsinghua University, Huawei",
                   2019, ("मूल लेख", ""), [("code", "कोड", "")], ("राहुल शर्मा", "rahul_s", "")),
            review("Fixing the train-test resolution discrepancy",
                   "Hugo Touvron, Andrea Vedaldi, Matthijs Douze, Hervé Jégou", "Facebook AI Research", 2019,
                   ("मूल लेख", ""), [], ("सुनीता राव", "sunita", "sunitarao")),
        ],
    ),
    "v10-2020-zh-fullwidth-colons.txt": Variant(
        covers="Chinese labels with full-width colons",
        language="zh", period=(D(2020, 4, 1), D(2020, 4, 1)),
        reviews=[
            review("A Simple Framework for Contrastive Learning of Visual Representations",
                   "Ting Chen, Simon Kornblith, Mohammad Norouzi, Geoffrey Hinton", "Google Research", 2020,
                   ("原文", ""), [("code", "代码", "")], ("李明", "li_ming", "")),
            review("Reformer: The Efficient Transformer", "Nikita Kitaev, Łukasz Kaiser, Anselm Levskaya",
                   "Google Research, UC Berkeley", 2020, ("原文", ""), [], ("王芳", "wangfang", "wang_f")),
        ],
    ),
    "v11-2019-en-translated-labels-changed-title.txt": Variant(
        covers="a translation changed a title's words between the contents and the heading: the heading wins",
        language="en", period=(D(2019, 7, 1), D(2019, 9, 1)),
        reviews=[
            review("Layer rotation: a surprisingly strong indicator of generalization in deep networks?",
                   "Simon Carbonnelle, Christophe De Vleeschouwer", "Université catholique de Louvain, Belgium", 2018,
                   ("Source", ""), [], ("Svyatoslav Skoblov", "error_derivative", "")),
            review("Parameter-efficient transfer training for NLP", "Neil Houlsby, Andrei Giurgiu, Stanislaw Jastrzebski",
                   "Google Research, Jagiellonian University", 2019, ("Source", ""), [("code", "GitHub", "")],
                   ("Alexey Karnachev", "zhirzemli", "")),
        ],
        notes={1: ["title_differs", "link_without_address"],
               2: ["title_differs", "link_without_address", "link_without_address"]},
    ),
    "v12-2020-en-mirror-lost-sentences-and-a-body.txt": Variant(
        covers="a mirror lost sentences and one review's whole body",
        language="en", period=(D(2020, 5, 1), D(2020, 5, 1)),
        reviews=[
            review("Big Transfer (BiT): General Visual Representation Learning",
                   "Alexander Kolesnikov, Lucas Beyer, Xiaohua Zhai", "Google Research", 2019, ORIGINAL,
                   [("code", "GitHub project", "")], ("Ivan Markov", "imarkov", "")),
            review("Longformer: The Long-Document Transformer", "Iz Beltagy, Matthew E. Peters, Arman Cohan",
                   "Allen Institute for AI", 2020, ORIGINAL, [("code", "GitHub project", "")],
                   ("Elena Sidorova", "esidorova", "")),
            review("Supervised Contrastive Learning", "Prannay Khosla, Piotr Teterwak, Chen Wang", "Google Research",
                   2020, ORIGINAL, [], ("Ivan Markov", "imarkov", "")),
        ],
        notes={2: ["link_without_address", "link_without_address", "no_body"]},
    ),
    "v13-2020-en-mirror-lost-closing-lines.txt": Variant(
        covers="a mirror lost the closing lines: the last review stops mid-sentence",
        language="en", period=(D(2020, 6, 1), D(2020, 6, 1)),
        reviews=[
            review("Language Models are Few-Shot Learners", "Tom B. Brown, Benjamin Mann, Nick Ryder", "OpenAI", 2020,
                   ORIGINAL, [], ("Daria Kim", "dkim", "")),
            review("End-to-End Object Detection with Transformers", "Nicolas Carion, Francisco Massa, Gabriel Synnaeve",
                   "Facebook AI", 2020, ORIGINAL, [("code", "GitHub project", "")], ("Oleg Titov", "otitov", "")),
        ],
        body={2: "Training is slow, and small objects are"},
    ),
    "v14-2020-lost-cyrillic.txt": Variant(
        covers="a copy that lost every Cyrillic word: ': Name, Name (…, 2017)', ': ( handle, habr handle)', '→' alone",
        language="en", period=None,
        reviews=[
            review("Deep Image Prior", "Dmitry Ulyanov, Andrea Vedaldi, Victor Lempitsky", "Skoltech, Oxford", 2017,
                   ("", ""), [], ("", "dulyanov", "dmitryulyanov")),
            review("Lookahead Optimizer: k steps forward, 1 step back",
                   "Michael R. Zhang, James Lucas, Geoffrey Hinton, Jimmy Ba", "University of Toronto", 2019, ("", ""),
                   [("code", "GitHub project", "")], ("", "mzhang", "")),
            review("Rethinking ImageNet Pre-training", "Kaiming He, Ross Girshick, Piotr Dollár",
                   "Facebook AI Research", 2018, ("", ""), [("code", "GitHub project", ""), ("blog", "Blog", "")],
                   ("", "rgirshick", "rossg")),
        ],
    ),
    "v15-2019-en-header-lines-in-any-order.txt": Variant(
        covers="header lines in any order",
        language="en", period=(D(2019, 3, 1), D(2019, 3, 1)),
        reviews=[
            review("BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
                   "Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova", "Google AI Language", 2018, ORIGINAL,
                   [("code", "GitHub project", "")], ("Nina Volkova", "nvolkova", "")),
            review("Bag of Tricks for Image Classification with Convolutional Neural Networks",
                   "Tong He, Zhi Zhang, Hang Zhang, Zhongyue Zhang, Junyuan Xie, Mu Li", "Amazon Web Services", 2018,
                   ORIGINAL, [], ("Mark Stein", "mstein", "markstein")),
            review("Unsupervised Data Augmentation for Consistency Training",
                   "Qizhe Xie, Zihang Dai, Eduard Hovy, Minh-Thang Luong, Quoc V. Le", "Google Brain", 2019, ORIGINAL,
                   [("code", "Code", "")], ("Nina Volkova", "nvolkova", "")),
        ],
    ),
    "v16-2019-en-every-header-line-optional.txt": Variant(
        covers="each header line optional: no links, no authors, no reviewer, no header at all",
        language="en", period=(D(2019, 4, 1), D(2019, 4, 1)),
        reviews=[
            review("Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks",
                   "Jonathan Frankle, Michael Carbin", "MIT CSAIL", 2018, ("", ""), [], ("Petr Ivanov", "pivanov", "")),
            review("Self-Attention Generative Adversarial Networks", "", "Rutgers University, Google Brain", 2018,
                   ORIGINAL, [], ("Olga Lis", "olis", "")),
            review("Deep Double Descent: Where Bigger Models and More Data Hurt",
                   "Preetum Nakkiran, Gal Kaplun, Yamini Bansal", "OpenAI, Harvard University", 2019, ORIGINAL, [],
                   ("", "", "")),
            review("Billion-scale semi-supervised learning for image classification", "", "Facebook AI", 2019, ("", ""),
                   [], ("", "", "")),
        ],
    ),
    "v17-2019-en-links-split-over-lines.txt": Variant(
        covers="links split over lines: '… ::' then the rest, ':: …' continuing, an address alone below its label",
        language="en", period=(D(2019, 5, 1), D(2019, 5, 1)),
        reviews=[
            review("EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks", "Mingxing Tan, Quoc V. Le",
                   "Google Research", 2019, ("Original article", "https://arxiv.org/abs/1905.11946"),
                   [("code", "GitHub project", "https://github.com/tensorflow/tpu"), ("blog", "Blog", "")],
                   ("Sergey Gromov", "sgromov", "")),
            review("MixMatch: A Holistic Approach to Semi-Supervised Learning",
                   "David Berthelot, Nicholas Carlini, Ian Goodfellow", "Google Research", 2019, ORIGINAL,
                   [("code", "Code", "https://github.com/google-research/mixmatch")], ("Sergey Gromov", "sgromov", "")),
            review("Learning Deep Features for Discriminative Localization",
                   "Bolei Zhou, Aditya Khosla, Agata Lapedriza, Aude Oliva, Antonio Torralba", "MIT", 2016,
                   ("Original article", "https://arxiv.org/abs/1512.04150"), [], ("Maria Lee", "mlee", "")),
        ],
    ),
    "v18-2019-link-label-translations.txt": Variant(
        covers="link labels and their translations: paper/code/GitHub/site/project/blog/video/talk/slides",
        language="ru", period=(D(2019, 6, 1), D(2019, 6, 1)),
        reviews=[
            review("Everybody Dance Now", "Caroline Chan, Shiry Ginosar, Tinghui Zhou, Alexei A. Efros", "UC Berkeley",
                   2018, ("Статья", ""),
                   [("code", "Код", ""), ("project", "Сайт проекта", ""), ("blog", "Блог", ""), ("video", "Видео", ""),
                    ("other", "Слайды", "")], ("Андрей Смирнов", "asmirnov", "")),
            review("Few-Shot Adversarial Learning of Realistic Neural Talking Head Models",
                   "Egor Zakharov, Aliaksandra Shysheya, Egor Burkov, Victor Lempitsky", "Samsung AI Center, Skoltech",
                   2019, ("Paper", ""),
                   [("code", "GitHub", ""), ("project", "Project page", ""), ("blog", "Blog post", ""),
                    ("video", "Talk", ""), ("other", "Slides", "")], ("Мария Кузнецова", "mkuz", "mariak")),
        ],
    ),
    "v19-2018-en-contents-typo-and-stray-bracket.txt": Variant(
        covers="contents entries with a typo and stray brackets; details from the contents when the header lacks them",
        language="en", period=(D(2018, 2, 1), D(2018, 2, 1)),
        reviews=[
            review("Deep Image Prior", "Dmitry Ulyanov, Andrea Vedaldi, Victor Lempitsky", "Skoltech", 2017, ORIGINAL,
                   [], ("Kirill Orlov", "korlov", "")),
            review("Focal Loss for Dense Object Detection",
                   "Tsung-Yi Lin, Priya Goyal, Ross Girshick, Kaiming He, Piotr Dollár", "Facebook AI Research", 2017,
                   ORIGINAL, [], ("Kirill Orlov", "korlov", "")),
            review("Mask R-CNN", "Kaiming He, Georgia Gkioxari, Piotr Dollár, Ross Girshick", "Facebook AI Research",
                   2017, ORIGINAL, [], ("Vera Nikolaeva", "vnik", "")),
            review("Non-local Neural Networks", "Xiaolong Wang, Ross Girshick, Abhinav Gupta, Kaiming He",
                   "Carnegie Mellon University, Facebook AI Research", 2017, ORIGINAL, [], ("Vera Nikolaeva", "vnik", "")),
        ],
        notes={2: ["title_differs", "link_without_address"]},
    ),
    "v20-2019-en-no-contents.txt": Variant(
        covers="no table of contents at all; a numbered list inside a review",
        language="en", period=(D(2019, 8, 1), D(2019, 8, 1)),
        reviews=[
            review("RoBERTa: A Robustly Optimized BERT Pretraining Approach", "Yinhan Liu, Myle Ott, Naman Goyal",
                   "University of Washington, Facebook AI", 2019, ORIGINAL, [], ("Artem Rodichev", "fuckai", "")),
            review("Large Memory Layers with Product Keys",
                   "Guillaume Lample, Alexandre Sablayrolles, Marc'Aurelio Ranzato, Ludovic Denoyer, Hervé Jégou",
                   "Facebook AI Research", 2019, ORIGINAL, [("code", "GitHub project", "")],
                   ("Maxim Lashkevich", "belerafon", "")),
        ],
        post_notes=["no_contents"],
        body={1: "1. More data.\n2. Bigger batches."},
    ),
    "v21-2020-html-h3-br-formula-images.html": Variant(
        covers="HTML: <h3> headings, <br>-separated text, formulas as <img alt='$…$' data-tex>, a TeX-service image",
        language="en", period=(D(2020, 3, 1), D(2020, 3, 1)),
        reviews=[
            review("Momentum Contrast for Unsupervised Visual Representation Learning",
                   "Kaiming He, Haoqi Fan, Yuxin Wu, Saining Xie, Ross Girshick", "Facebook AI Research", 2019,
                   ("Original article", "https://arxiv.org/abs/1911.05722"),
                   [("code", "GitHub project", "https://github.com/facebookresearch/moco")],
                   ("Sofia Lebedeva", "slebedeva", "")),
            review("Noise Contrastive Estimation", "Michael Gutmann, Aapo Hyvärinen", "University of Helsinki", 2010,
                   ("Original article", "http://proceedings.mlr.press/v9/gutmann10a.html"), [],
                   ("Sofia Lebedeva", "slebedeva", "")),
        ],
        body={
            1: "with momentum $m = 0.999$.",
            2: "the normaliser $Z(\\theta)$ becomes one more parameter.",
        },
    ),
    "v22-2019-html-mathjax-scripts.html": Variant(
        covers="HTML: MathJax <script type='math/tex'> formulas, inline and display; sidebar, ads and related links",
        language="en", period=(D(2019, 10, 1), D(2019, 10, 1)),
        reviews=[
            review("Adam: A Method for Stochastic Optimization", "Diederik P. Kingma, Jimmy Ba",
                   "University of Amsterdam, OpenAI", 2014, ("Original article", "https://arxiv.org/abs/1412.6980"), [],
                   ("Igor Petrenko", "ipetrenko", "")),
            review("On the Variance of the Adaptive Learning Rate and Beyond", "Liyuan Liu, Haoming Jiang, Pengcheng He",
                   "University of Illinois, Microsoft", 2019, ("Original article", "https://arxiv.org/abs/1908.03265"),
                   [("code", "GitHub project", "https://github.com/LiyuanLucasLiu/RAdam")],
                   ("Igor Petrenko", "ipetrenko", "")),
        ],
        body={
            1: "of its square, $m_t$ and $v_t$, and divides",
            2: "only when $\\rho_t > 4$.",
        },
    ),
    "v23-2018-html-bold-paragraph-headings.html": Variant(
        covers="HTML: headings as bold paragraphs, menus, share buttons and a related list",
        language="en", period=(D(2018, 9, 1), D(2018, 9, 1)),
        reviews=[
            review("DARTS: Differentiable Architecture Search", "Hanxiao Liu, Karen Simonyan, Yiming Yang",
                   "Carnegie Mellon University, DeepMind", 2018, ("Original article", "https://arxiv.org/abs/1806.09055"),
                   [("code", "Code", "https://github.com/quark0/darts")], ("Timur Safin", "tsafin", "")),
            review("Glow: Generative Flow with Invertible 1x1 Convolutions", "Diederik P. Kingma, Prafulla Dhariwal",
                   "OpenAI", 2018, ("Original article", "https://arxiv.org/abs/1807.03039"),
                   [("blog", "Blog", "https://blog.openai.com/glow/")], ("Timur Safin", "tsafin", "")),
        ],
        post_notes=["no_contents"],
    ),
    "v24-2018-html-machine-translated-mirror.html": Variant(
        covers="HTML mirror page: machine-translated labels, the post among the site's header, ads and more-articles",
        language="en", period=(D(2018, 5, 1), D(2018, 5, 1)),
        reviews=[
            review("Deep contextualized word representations", "Matthew E. Peters, Mark Neumann, Mohit Iyyer",
                   "Allen Institute for AI", 2018, ("Original article", "https://arxiv.org/abs/1802.05365"), [],
                   ("Denis Kuznetsov", "dkuz", "")),
            review("Universal Language Model Fine-tuning for Text Classification", "Jeremy Howard, Sebastian Ruder",
                   "fast.ai", 2018, ("Original article", "https://arxiv.org/abs/1801.06146"), [],
                   ("Denis Kuznetsov", "dkuz", "")),
        ],
    ),
    "v25-2019-html-br-separated-no-paragraphs.html": Variant(
        covers="HTML: the whole post one block of <br>-separated lines, no paragraphs",
        language="en", period=(D(2019, 11, 1), D(2019, 11, 1)),
        reviews=[
            review("ALBERT: A Lite BERT for Self-supervised Learning of Language Representations",
                   "Zhenzhong Lan, Mingda Chen, Sebastian Goodman", "Google Research", 2019,
                   ("Original article", "https://arxiv.org/abs/1909.11942"), [], ("Polina Zaitseva", "pzaitseva", "")),
            review("Self-training with Noisy Student improves ImageNet classification",
                   "Qizhe Xie, Minh-Thang Luong, Eduard Hovy, Quoc V. Le", "Google Research", 2019,
                   ("Original article", "https://arxiv.org/abs/1911.04252"), [], ("Polina Zaitseva", "pzaitseva", "")),
        ],
        body={1: "so the model is many times smaller.\n\nSentence order prediction replaces next sentence prediction."},
    ),
}  # fmt: skip

# --- our own transformations of the example posts ------------------------------------------------

RU_PERIOD = (D(2019, 7, 1), D(2019, 9, 1))
EN_2018_PERIOD = (D(2018, 2, 1), D(2018, 3, 1))


def _reviews(items):
    return [review(*item) for item in items]


def _replace(items, number, **changes):
    fields = Review._fields
    out = _reviews(items)
    out[number - 1] = out[number - 1]._replace(**{fields[fields.index(name)]: value for name, value in changes.items()})
    return out


_t04 = _replace(RUSSIAN, 6, reviewer=("", "", ""))
_t04[7] = _t04[7]._replace(reviewer=("", "", ""))
_t04[1] = _t04[1]._replace(authors="")  # the affiliations and year still come from the contents
_t06 = _replace(ENGLISH_2020, 5, title="Training Generative Adversarial Networks with Scarce Data")
_t08 = _replace(RUSSIAN, 3, links=[("code", "GitHub", "")])

VARIANTS |= {
    "t01-ru-example-without-contents.txt": Variant(
        covers="the Russian example without its table of contents", language="ru", period=RU_PERIOD,
        reviews=_reviews(RUSSIAN), post_notes=["no_contents", "furniture"],
    ),
    "t02-ru-example-header-lines-shuffled.txt": Variant(
        covers="the Russian example with every review's header lines reordered", language="ru", period=RU_PERIOD,
        reviews=_reviews(RUSSIAN), post_notes=["furniture"],
    ),
    "t03-ru-example-machine-translated-labels.txt": Variant(
        covers="the Russian example with labels machine-translated into English ('Source', 'in the slack')",
        language="ru", period=RU_PERIOD,
        reviews=[item._replace(original=("Source", "")) for item in _reviews(RUSSIAN)], post_notes=["furniture"],
    ),
    "t04-ru-example-lost-header-lines.txt": Variant(
        covers="the Russian example with two reviewer lines and an authors line lost (strict refuses it)",
        language="ru", period=RU_PERIOD, reviews=_t04, post_notes=["furniture"],
    ),
    "t05-en2020-example-lost-bodies-and-closing-lines.txt": Variant(
        covers="the 2020 copy whose mirror lost two reviews' bodies and the closing lines", language="en",
        period=None, reviews=_reviews(ENGLISH_2020), post_notes=["empty_link"],
        notes={2: notes_of(ENGLISH_2020[1]) + ["no_body"], 5: notes_of(ENGLISH_2020[4]) + ["no_body"]},
    ),
    "t06-en2020-example-contents-typos-changed-heading.txt": Variant(
        covers="the 2020 copy with a contents typo, a stray bracket and a heading whose words a translation changed",
        language="en", period=None, reviews=_t06, post_notes=["empty_link"],
        notes={1: ["title_differs", *notes_of(ENGLISH_2020[0])], 5: ["title_differs", *notes_of(ENGLISH_2020[4])]},
    ),
    "t07-html2018-example-h3-without-contents.html": Variant(
        covers="the 2018 mirror page with <h3> headings and no contents", language="en", period=EN_2018_PERIOD,
        reviews=_reviews(ENGLISH_2018), post_notes=["no_contents"],
    ),
    "t08-ru-example-unnumbered-heading-split-links.txt": Variant(
        covers="the Russian example with one heading unnumbered and a links line split over two lines",
        language="ru", period=RU_PERIOD, reviews=_t08, post_notes=["furniture"],
    ),
}  # fmt: skip
