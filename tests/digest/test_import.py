"""Reading the example posts: every review's metadata, field by field, against values written here."""

import datetime
from pathlib import Path

import pytest

from digest.importer import read_post
from reviews.markdown import render_markdown

POSTS = Path(__file__).resolve().parents[2] / "digest" / "demo"  # the example posts, shipped as demo content
D = datetime.date


def read(name):
    return read_post((POSTS / name).read_text(encoding="utf-8"))


def fields(entry):
    return (
        entry.title,
        entry.authors,
        entry.affiliations,
        entry.year,
        (entry.original_label, entry.original_url),
        [(link.kind, link.label, link.url) for link in entry.links],
        (entry.reviewer_name, entry.chat_handle, entry.blog_handle),
    )


ORIGINAL_RU = ("Оригинал статьи", "")
RUSSIAN = [
    ("Layer rotation: a surprisingly powerful indicator of generalization in deep networks?",
     "Simon Carbonnelle, Christophe De Vleeschouwer", "Université catholique de Louvain, Belgium", 2018,
     ORIGINAL_RU, [], ("Святослав Скоблов", "error_derivative", "")),
    ("Parameter-Efficient Transfer Learning for NLP",
     "Neil Houlsby, Andrei Giurgiu, Stanislaw Jastrzebski, Bruna Morrone, Quentin de Laroussilhe, Andrea Gesmundo, "
     "Mona Attariyan, Sylvain Gelly", "Google Research, Jagiellonian University", 2019,
     ORIGINAL_RU, [], ("Алексей Карначёв", "zhirzemli", "")),
    ("RoBERTa: A Robustly Optimized BERT Pretraining Approach",
     "Yinhan Liu, Myle Ott, Naman Goyal, Jingfei Du, Mandar Joshi, Danqi Chen, Omer Levy, Mike Lewis, "
     "Luke Zettlemoyer, Veselin Stoyanov", "University of Washington, Facebook AI", 2019,
     ORIGINAL_RU, [], ("Артем Родичев", "fuckai", "")),
    ("EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks", "Mingxing Tan, Quoc V. Le",
     "Google Research", 2019, ORIGINAL_RU, [], ("Александр Денисенко", "Alexander Denisenko", "")),
    ("How the Brain Transitions from Conscious to Subliminal Perception",
     "Francesca Arese Lucini, Gino Del Ferraro, Mariano Sigman, Hernan A. Makse", "USA, Argentina, Spain", 2019,
     ORIGINAL_RU, [], ("Святослав Скоблов", "error_derivative", "")),
    ("Large Memory Layers with Product Keys",
     "Guillaume Lample, Alexandre Sablayrolles, Marc'Aurelio Ranzato, Ludovic Denoyer, Hervé Jégou",
     "Facebook AI Research", 2019, ORIGINAL_RU, [], ("Максим Лашкевич", "belerafon", "")),
    ("Are We Really Making Much Progress? A Worrying Analysis of Recent Neural Recommendation Approaches",
     "Maurizio Ferrari Dacrema, Paolo Cremonesi, Dietmar Jannach", "Politecnico di Milano, University of Klagenfurt",
     2019, ORIGINAL_RU, [], ("Андрей Кузнецов", "netcitizen", "")),
    ("Omni-Scale Feature Learning for Person Re-Identification",
     "Kaiyang Zhou, Yongxin Yang, Andrea Cavallaro, Tao Xiang",
     "University of Surrey, Queen Mary University, Samsung AI", 2019, ORIGINAL_RU, [],
     ("Вадим Петров", "graviton", "")),
    ("Neural reparameterization improves structural optimization",
     "Stephan Hoyer, Jascha Sohl-Dickstein, Sam Greydanus", "Google Research", 2019, ORIGINAL_RU, [],
     ("Алексей", "Arech", "")),
]  # fmt: skip

LOST = ("", "")  # the copy lost the original-article label (it was Cyrillic) and has no URLs
GITHUB = ("code", "GitHub project", "")
ENGLISH_2020 = [
    ("PointRend: Image Segmentation as Rendering", "Alexander Kirillov, Yuxin Wu, Kaiming He, Ross Girshick",
     "Facebook AI Research", 2019, LOST, [GITHUB], ("", "evgeniyzh", "Randl")),
    ("Natural- To Formal-Language Generation Using Tensor Product Representations",
     "Kezhen Chen, Qiuyuan Huang, Hamid Palangi, Paul Smolensky, Kenneth D. Forbus, Jianfeng Gao", "USA", 2019,
     LOST, [GITHUB], ("", "Max Plevako", "")),
    ("Linformer: Self-Attention with Linear Complexity", "Sinong Wang, Belinda Z. Li, Madian Khabsa, Han Fang, Hao Ma",
     "Facebook AI", 2020, ("", ""), [], ("", "artgor", "artgor")),
    ("DetectoRS: Detecting Objects with Recursive Feature Pyramid and Switchable Atrous Convolution",
     "Siyuan Qiao, Liang-Chieh Chen, Alan Yuille", "Johns Hopkins University, Google", 2020,
     LOST, [GITHUB, ("other", "sotabench", "")], ("", "evgeniyzh", "Randl")),
    ("Training Generative Adversarial Networks with Limited Data",
     "Tero Karras, Miika Aittala, Janne Hellsten, Samuli Laine, Jaakko Lehtinen, Timo Aila", "NVIDIA", 2020,
     ("", ""), [], ("", "digitman", "digitman")),
    ("Multi-Modal Dense Video Captioning", "Vladimir Iashin, Esa Rahtu", "Tampere University, Finland", 2020,
     LOST, [GITHUB], ("", "vdyashin", "")),
    ("Are we done with ImageNet?",
     "Lucas Beyer, Olivier J. Hénaff, Alexander Kolesnikov, Xiaohua Zhai, Aäron van den Oord", "DeepMind", 2020,
     LOST, [GITHUB], ("", "evgeniyzh", "Randl")),
]  # fmt: skip

ENGLISH_2018 = [
    ("Learning Semantic Segmentation with Diverse Supervision", "Linwei Ye, Zhi Liu, Yang Wang",
     "University of Manitoba, Shanghai University", 2018, ("Original article", "http://arxiv.org/abs/1802.00509"), [],
     ("Egor Panfilov", "egor.panfilov", "")),
    ("TVAE: Triplet-Based Variational Autoencoder using Metric Learning", "Haque Ishfaq, Assaf Hoogi, Daniel Rubin",
     "Stanford University", 2018, ("Original article", "http://arxiv.org/abs/1802.04403"), [],
     ("Egor Panfilov", "egor.panfilov", "")),
    ("Neural-Symbolic Learning and Reasoning: A Survey and Interpretation",
     "Besold, Garcez, Bader, Bowman, Domingos, Hitzler, Kuehnberger, Lamb, Lowd, Lima, de Penning, Pinkas, Poon, "
     "Zaverucha", "", None, ("Original article", "https://arxiv.org/abs/1711.03902"), [],
     ("Eugene Blokhin", "", "ebt")),
    ("Overcoming catastrophic forgetting in neural networks", "James Kirkpatrick, et. al.",
     "DeepMind, Imperial College London", 2016, ("Original article", "http://www.pnas.org/content/114/13/3521"), [],
     ("Jan Sereda", "yane123", "")),
    ("Deep Image Harmonization", "Yi-Hsuan Tsai, Xiaohui Shen, Zhe Lin, Kalyan Sunkavalli, Xin Lu, Ming-Hsuan Yang",
     "University of California, Adobe", 2017, ("Original article", "https://arxiv.org/abs/1703.00069"), [],
     ("Arseny Kravchenko", "arsenyinfo", "")),
    ("Accelerated Gradient Boosting", "Gérard Biau, Benoît Cadre, Laurent Rouvìère", "Sorbonne Université, Univ Rennes",
     2018, ("Original article", "https://arxiv.org/abs/1803.02042"), [], ("Artem Sobolev", "asobolev", "asobolev")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [("ods-2019-07-09-ru.txt", RUSSIAN), ("ods-2020-en.txt", ENGLISH_2020), ("ods-2018-02-03-en.html", ENGLISH_2018)],
)
def test_every_review_of_the_example_posts_is_read_field_by_field(name, expected):
    post = read(name)
    assert [entry.number for entry in post.entries] == list(range(1, len(expected) + 1))
    for entry, wanted in zip(post.entries, expected, strict=True):
        assert fields(entry) == wanted


def test_russian_post_has_title_period_intro_contents_and_no_page_furniture():
    post = read("ods-2019-07-09-ru.txt")
    assert (post.source_format, post.language) == ("text", "ru")
    assert post.title == "Рубрика «Читаем статьи за вас». Июль — Сентябрь 2019"
    assert (post.period_start, post.period_end, post.part) == (D(2019, 7, 1), D(2019, 9, 1), None)
    assert post.intro.startswith("Привет, Хабр! Продолжаем публиковать рецензии")
    assert post.toc_heading == "Статьи на сегодня:"
    last = post.entries[-1].body
    assert last.endswith("Исходный код.\n\nБолее подробный обзор данной статьи на habr.")
    assert "144,93" not in last and "Open Data Science" not in last
    assert post.notes == ["line 370: left out the blog page after the post"]


def test_russian_bodies_keep_paragraphs_lists_and_formulas():
    entries = read("ods-2019-07-09-ru.txt").entries
    assert "\n\n1. Vanilla SGD Выяснилось" in entries[0].body
    assert "\n2. SGD + weight decay Уменьшение" in entries[0].body  # the list stays one list
    assert "$d = \\alpha^\\phi, w = \\beta^\\phi, r = \\gamma^\\phi,$ где $\\alpha, \\beta, \\gamma$" in entries[3].body
    assert "Мотивация\n\nВ условиях streaming-обучения" in entries[1].body
    assert "Rivie\\`re" in entries[4].body  # a stray backtick is text, not the start of code


def test_english_2020_copy_without_title_or_labels_is_read_from_its_structure():
    post = read("ods-2020-en.txt")
    assert (post.language, post.title, post.period_start) == ("en", "", None)
    assert post.intro.startswith("Hello, Habr! We continue to publish reviews")
    assert post.toc_heading == "Articles for today:"
    assert post.entries[5].body.startswith("(Dense) Video Captioning?\n\n")
    assert post.entries[0].body.endswith(", DeeplabV3 SemanticFPN. , mIoU , .")
    assert post.notes == ["line 24: a link with neither label nor URL was left out"]


def test_saved_html_page_yields_the_post_without_the_site_around_it():
    post = read("ods-2018-02-03-en.html")
    assert (post.source_format, post.language) == ("html", "en")
    assert post.title == 'Heading "We read articles for you." February - March 2018'
    assert (post.period_start, post.period_end) == (D(2018, 2, 1), D(2018, 3, 1))
    assert post.url == "https://habr.com/ru/post/352518/"
    assert post.intro == (
        "![](https://habrastorage.org/webt/ku/he/qk/kuheqknkat8eoor_i1a5n9gkpoi.png)\n\n"
        "Hi, Habr! We continue to publish reviews of research papers from members of the Open Data Science "
        "community from #article_essense. Want to get them before everyone else - join the "
        "[community](http://ods.ai/) !"
    )
    assert post.previous_heading == "Links to past collections of the series:"
    assert [(link.label, link.url) for link in post.previous] == [
        ("December 2017 - January 2018", "https://habrahabr.ru/company/ods/blog/352508/"),
        ("October - November 2017", "https://habrahabr.ru/company/ods/blog/343822/"),
        ("September 2017", "https://habrahabr.ru/company/ods/blog/339094/"),
        ("August 2017", "https://habrahabr.ru/company/ods/blog/336624/"),
    ]
    first = post.entries[0].body
    assert first.startswith("In this article, the authors propose an architecture")
    assert "\n\n![](https://habrastorage.org/webt/ml/h_/3u/mlh_3u4lfmsexkxexc4iiq7grie.png)\n\n" in first
    # The blog printed "(h <em>w</em> 3)" for "(h*w*3)": the asterisks come back, as text.
    assert "the tensor (h\\*w\\*3) at the input" in first
    assert "(h*w*3)" in render_markdown(first)
    everything = "".join(entry.body for entry in post.entries)
    for furniture in ("adsbygoogle", "More articles", "Weekly-Geekly", "Source:", "DONATE", "gtag"):
        assert furniture not in everything
    assert post.entries[4].body.endswith("but which one is not clear).")
