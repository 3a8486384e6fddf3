"""Review bodies, paper titles and names in the five content languages, from a seeded random source.

Bodies look like the community's reviews: paragraphs of prose with inline `$…$` and display
`$$…$$` formulas, a results table, links, lists, now and then code; 300–1,500 words, a few of
about 5,000. The vocabulary is small on purpose: the point is realistic length, structure,
scripts (Latin, Cyrillic, Devanagari, Han) and markup, not meaning.
"""

import math


def wordlist(literal, separator=None):
    """A list from a long literal: words separated by spaces (or by `separator`)."""
    return literal.split(separator)


WORDS = {
    "ru": wordlist(
        "в и на с что это не по для как из при более также однако авторы статья работа модель модели "
        "метод подход данные обучение обучения сеть сети слой слои результат результаты точность качество "
        "задача задачи эксперимент эксперименты выборка признаки оценка показывают предлагают лучше чем "
        "архитектура параметры функция потерь градиент веса сравнение базовый набор тест валидация ошибка "
        "значительно улучшение простой идея основной вклад предложенный алгоритм скрытый состояние "
        "представление внимание механизм генерация изображение текст перевод классификация сегментация "
        "детекция обучаемый процесс этап итоге можно нужно очень хорошо быстрее меньше больше каждый "
        "слой позволяет использовать получить добавить заметить стоит вполне достаточно сложно"
    ),
    "en": wordlist(
        "the a of and to in that is for with on as by this we are from it be an which not their "
        "authors paper work model models method approach data training network layer layers result results "
        "accuracy quality task tasks experiment experiments sample features evaluation show propose better "
        "than architecture parameters loss function gradient weights comparison baseline dataset test "
        "validation error significantly improvement simple idea main contribution proposed algorithm hidden "
        "state representation attention mechanism generation image text translation classification "
        "segmentation detection trainable process stage finally can should very well faster fewer more each "
        "allows use obtain add notice worth quite enough hard"
    ),
    "es": wordlist(
        "el la de y en que es para con por como del los las un una se su sus al "
        "autores artículo trabajo modelo modelos método enfoque datos entrenamiento red capa capas resultado "
        "resultados precisión calidad tarea tareas experimento experimentos muestra características "
        "evaluación muestran proponen mejor que arquitectura parámetros función pérdida gradiente pesos "
        "comparación base conjunto prueba validación error significativamente mejora simple idea principal "
        "contribución propuesto algoritmo oculto estado representación atención mecanismo generación imagen "
        "texto traducción clasificación segmentación detección proceso etapa finalmente puede debe muy bien "
        "más rápido menos cada permite usar obtener añadir bastante difícil"
    ),
    "hi": wordlist(
        "के में की है और से को पर यह एक लिए भी कि इस ने हैं था जो तो "
        "लेखक लेख काम मॉडल विधि दृष्टिकोण डेटा प्रशिक्षण नेटवर्क परत परिणाम सटीकता गुणवत्ता कार्य प्रयोग "
        "नमूना विशेषताएँ मूल्यांकन दिखाते प्रस्तावित बेहतर संरचना पैरामीटर हानि फ़ंक्शन ग्रेडिएंट भार तुलना "
        "आधार सेट परीक्षण सत्यापन त्रुटि काफी सुधार सरल विचार मुख्य योगदान एल्गोरिदम छिपा अवस्था प्रतिनिधित्व "
        "ध्यान तंत्र निर्माण छवि पाठ अनुवाद वर्गीकरण विभाजन पहचान प्रक्रिया चरण अंत सकते चाहिए बहुत अच्छा "
        "तेज़ कम अधिक प्रत्येक उपयोग प्राप्त जोड़ना कठिन"
    ),
    "zh": wordlist(
        "的 了 在 是 和 与 对 中 我们 作者 论文 工作 模型 方法 思路 数据 训练 网络 层 结果 准确率 质量 任务 实验 "
        "样本 特征 评估 表明 提出 更好 比 架构 参数 损失 函数 梯度 权重 比较 基线 数据集 测试 验证 误差 显著 "
        "改进 简单 想法 主要 贡献 算法 隐藏 状态 表示 注意力 机制 生成 图像 文本 翻译 分类 分割 检测 可训练 "
        "过程 阶段 最后 可以 应该 非常 很好 更快 更少 更多 每个 允许 使用 获得 添加 注意 值得 相当 足够 困难"
    ),
}

# Terms the community leaves in English whatever the language of the review.
TERMS = wordlist(
    "transformer attention BERT ResNet ImageNet CIFAR-10 SGD Adam dropout embedding fine-tuning "
    "pretraining encoder decoder GAN diffusion softmax backpropagation batch-norm ablation benchmark "
    "self-supervised contrastive loss top-1 F1 BLEU latency inference"
)

SENTENCE_END = {"ru": ".", "en": ".", "es": ".", "hi": "।", "zh": "。"}
SPACE = {"zh": ""}

HEADINGS = {
    "ru": ["Мотивация", "Идея", "Имплементация", "Результаты", "Эксперименты", "Выводы"],
    "en": ["Motivation", "Idea", "Implementation", "Results", "Experiments", "Conclusions"],
    "es": ["Motivación", "Idea", "Implementación", "Resultados", "Experimentos", "Conclusiones"],
    "hi": ["प्रेरणा", "विचार", "कार्यान्वयन", "परिणाम", "प्रयोग", "निष्कर्ष"],
    "zh": ["动机", "思路", "实现", "结果", "实验", "结论"],
}

INLINE_MATH = [
    r"x_i^2",
    r"\alpha^\phi",
    r"\mathcal{L}(\theta)",
    r"O(n \log n)",
    r"\lVert W \rVert_2",
    r"p(y \mid x)",
    r"\sigma(Wx + b)",
    r"d_{model} = 512",
    r"\mathbb{E}_{x \sim p}[f(x)]",
    r"\nabla_\theta J",
]
DISPLAY_MATH = [
    r"L(\theta) = \frac{1}{N} \sum_{i=1}^N \ell(f_\theta(x_i), y_i) + \lambda \lVert \theta \rVert^2",
    r"\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\left(\frac{QK^T}{\sqrt{d_k}}\right) V",
    r"\hat{y} = \arg\max_{c} \; p(c \mid x; \theta)",
    r"D_{KL}(p \,\|\, q) = \sum_x p(x) \log \frac{p(x)}{q(x)}",
    r"h_t = \tanh(W_h h_{t-1} + W_x x_t + b)",
    r"\min_G \max_D \; \mathbb{E}_x[\log D(x)] + \mathbb{E}_z[\log(1 - D(G(z)))]",
]
CODE = [
    "```python\nmodel = Model(layers=12, hidden=768)\nloss = criterion(model(x), y)\nloss.backward()\n```",
    "```python\nfor epoch in range(90):\n    train_one_epoch(model, loader, optimizer)\n```",
]
MODELS = ["Baseline", "ResNet-50", "ViT-B/16", "BERT-base", "Proposed", "Proposed + aug", "EfficientNet-B0"]

TITLE_HEADS = wordlist(
    "Layer rotation|Attention|Self-supervised pretraining|Contrastive learning|Neural reparameterization|"
    "Sparse mixtures of experts|Product keys|Adaptive computation|Diffusion models|Graph neural networks|"
    "Low-rank adaptation|Implicit regularization|Knowledge distillation|Curriculum learning|Memory layers|"
    "Vision transformers|Linear attention|Test-time augmentation|Weight averaging|Neural scaling laws",
    "|",
)
TITLE_TAILS = wordlist(
    "a surprisingly powerful indicator of generalization|is all you need|for low-resource translation|"
    "at scale|without labels|in deep networks|for image segmentation|revisited|a worrying analysis|"
    "with linear complexity|for structural optimization|beyond ImageNet|for speech recognition|"
    "under distribution shift|for recommendation|made simple|from first principles|on a budget",
    "|",
)

NAMES = {
    "ru": (
        "Александр Алексей Дмитрий Иван Михаил Никита Павел Сергей Святослав Анна+ Екатерина+ Ирина+ Мария+ "
        "Ольга+ Татьяна+ Юлия+",
        "Иванов Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Петров Волков Соловьёв "
        "Васильев Зайцев Павлов Скоблов Карначёв",
    ),
    "en": (
        "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Susan Richard "
        "Jessica Thomas Sarah",
        "Smith Johnson Williams Brown Jones Garcia Miller Davis Wilson Anderson Taylor Thomas Moore Martin "
        "Jackson White Harris",
    ),
    "es": (
        "Alejandro Lucía Daniel Sofía Pablo Martina Javier Paula Diego Valeria Carlos Carmen Sergio Elena",
        "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz "
        "Hernández Díaz Moreno",
    ),
    "hi": (
        "आरव विवान अनन्या दिया अर्जुन ईशा रोहन प्रिया कबीर नेहा साहिल पूजा",
        "शर्मा वर्मा गुप्ता सिंह कुमार पटेल मेहता जोशी अग्रवाल रेड्डी नायर",
    ),
    "zh": ("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 涛 明 超", "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡"),
}
LATIN_NAMES = wordlist(
    "Simon Carbonnelle|Christophe De Vleeschouwer|Yinhan Liu|Myle Ott|Mingxing Tan|Quoc V. Le|Guillaume Lample|"
    "Sinong Wang|Tero Karras|Lucas Beyer|Alexander Kirillov|Kaiming He|Neil Houlsby|Andrea Gesmundo|Ross Girshick|"
    "Olga Russakovsky|Fei-Fei Li|Yoshua Bengio|Ilya Sutskever|Ashish Vaswani|Noam Shazeer|Jacob Devlin|"
    "Emily Denton|Chelsea Finn|Sergey Levine|Percy Liang|Christopher Manning|Hinrich Schütze|Li Deng|Yann LeCun",
    "|",
)
AFFILIATIONS = [
    "Google Research",
    "Facebook AI Research",
    "DeepMind",
    "University of Washington",
    "Université catholique de Louvain, Belgium",
    "Stanford University",
    "MIT CSAIL",
    "Tsinghua University",
    "Skoltech, Russia",
    "Universidad de Buenos Aires, Argentina",
    "IIT Bombay, India",
    "Samsung AI Center",
    "NVIDIA",
    "",
]
TOPICS = wordlist(
    "Computer vision|Natural language processing|Reinforcement learning|Generative models|Optimization|"
    "Graph learning|Speech|Recommender systems|Theory|Interpretability|Efficient inference|Robustness|"
    "Self-supervised learning|Time series|Medical imaging|Neuroscience|Transfer learning|Meta-learning|"
    "Probabilistic models|Datasets and benchmarks|Federated learning|Fairness|Audio|Robotics",
    "|",
)


def words(rng, language, count):
    vocabulary = WORDS[language]
    out = []
    for _ in range(count):
        out.append(rng.choice(TERMS) if rng.random() < 0.08 else rng.choice(vocabulary))
    return out


def sentence(rng, language, length):
    tokens = words(rng, language, length)
    if rng.random() < 0.18:
        tokens.insert(rng.randrange(len(tokens) + 1), f"${rng.choice(INLINE_MATH)}$")
    if rng.random() < 0.05:
        tokens.insert(rng.randrange(len(tokens) + 1), f"$${rng.choice(INLINE_MATH)}$$")
    text = SPACE.get(language, " ").join(tokens)
    return text[0].upper() + text[1:] + SENTENCE_END[language]


def paragraph(rng, language, budget):
    """About `budget` words of prose in 3–8 sentences."""
    sentences, used = [], 0
    while used < budget:
        length = min(max(6, int(rng.gauss(13, 4))), budget - used + 6)
        sentences.append(sentence(rng, language, length))
        used += length
    return SPACE.get(language, " ").join(sentences), used


def table(rng):
    rows = rng.sample(MODELS, rng.randint(2, 4))
    lines = ["| Model | Params | Top-1 | Latency |", "|:------|-------:|------:|:-------:|"]
    for row in rows:
        lines.append(f"| {row} | {rng.randint(5, 400)}M | {rng.uniform(60, 92):.1f} | {rng.randint(3, 90)} ms |")
    return "\n".join(lines)


def links(rng, language):
    slug = "-".join(rng.sample(TERMS, 2)).lower()
    items = [
        f"[GitHub project](https://github.com/example/{slug})",
        f"https://arxiv.org/abs/{rng.randint(1501, 2512)}.{rng.randint(1, 19999):05d}",
        f"[blog post](https://example.org/blog/{slug})",
    ]
    return " · ".join(rng.sample(items, rng.randint(1, 3)))


def review_body(rng, language, target_words):
    """A markdown review of roughly `target_words` words."""
    blocks, used, heading = [], 0, 0
    headings = HEADINGS[language]
    while used < target_words:
        roll = rng.random()
        if roll < 0.12 and heading < len(headings):
            blocks.append(f"### {headings[heading]}")
            heading += 1
        elif roll < 0.20:
            blocks.append(f"$$\n{rng.choice(DISPLAY_MATH)}\n$$")
            used += 8
        elif roll < 0.25:
            blocks.append(table(rng))
            used += 20
        elif roll < 0.31:
            items = [f"{n}. {sentence(rng, language, rng.randint(6, 14))}" for n in range(1, rng.randint(3, 5))]
            blocks.append("\n".join(items))
            used += 10 * len(items)
        elif roll < 0.33:
            blocks.append(rng.choice(CODE))
            used += 12
        else:
            text, count = paragraph(rng, language, min(rng.randint(40, 140), max(target_words - used, 20)))
            blocks.append(text)
            used += count
    blocks.append(links(rng, language))
    return "\n\n".join(blocks) + "\n"


def body_length(rng):
    """Review length in words: mostly 300–1,500 (median about 600), sometimes about 5,000."""
    if rng.random() < 0.01:
        return rng.randint(4800, 5200)
    return int(min(1500, max(300, math.exp(rng.gauss(math.log(600), 0.45)))))


def paper_title(rng):
    head, tail = rng.choice(TITLE_HEADS), rng.choice(TITLE_TAILS)
    title = f"{head}: {tail}" if rng.random() < 0.6 else f"{head} {tail}"
    roll = rng.random()
    if roll < 0.35:
        title += f" with {rng.choice(TERMS)}"
    elif roll < 0.6:
        title += f" for {rng.choice(TOPICS).lower()}"
    return title


def person_name(rng, language):
    first, last = NAMES[language]
    first, last = rng.choice(first.split()), rng.choice(last.split())
    if first.endswith("+"):  # Russian surnames agree with a woman's first name: Иванов -> Иванова
        first, last = first[:-1], last + "а"
    return f"{last}{first}" if language == "zh" else f"{first} {last}"


def paper_authors(rng):
    return ", ".join(rng.sample(LATIN_NAMES, rng.randint(1, 8)))
