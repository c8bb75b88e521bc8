"""Units: what the reader accepts after a number, and the finder's narrower lists and traps.

The reader (:mod:`.reader`) takes every unit of ``UNITS`` (and unknown measure words of
1-3 Han characters); the finder (:mod:`.finder`) only proposes a span whose unit is in
``FINDER_UNITS`` and not caught by a trap (a word after the unit that makes it part of
another word: 位于, 名单, 部门 …).
"""
from __future__ import annotations

import re

# Units as the text writes them after magnitude words are removed.
_MONEY = "元 美元 港元 港币 欧元 日元 英镑 卢布 韩元 澳元 元人民币"
_COUNT = (
    "个 家 户 项 人 人次 户次 所 座 条 条段 段 套 场 场次 件 件次 名 批 批次 台 台套 辆 头 只 "
    "标箱 标准箱 颗 张 本 部 处 栋 幢 间 块 宗 起 次 轮 种 类 艘 架 架次 列 车次 班次 航次 "
    "对 册 篇 门 支 枚 株 棵 匹 口 根 片 盏 份 位 例 双 副 款 期 组 队 笔 份次 "
    "人日 亩次 床 趟 班 项次 票 标准台 箱 艘次 重量箱"
)
_MEASURE = (
    "公里 千米 米 厘米 毫米 平方米 平方公里 平方千米 公尺 平方公尺 立方公尺 亩 公顷 立方米 立方 方 "
    "吨 千克 公斤 斤 克 微克 毫克 吨标准煤 标准煤 吨标煤 标煤 吨公里 "
    "千瓦 千瓦时 千瓦小时 度 千伏 伏 兆瓦 兆瓦时 吉瓦 吉瓦时 瓦 瓦时 蒸吨 千伏安 伏安 "
    "升 毫升 立方 兆帕 分贝 摄氏度 海里 公顷次 字节 比特 帧 节 岁 周岁 "
    # old units of the 1950s–80s reports, as written (docs/CONVENTIONS.md)
    "担 公方 载重吨 马力 瓩 公厘 大卡 印张 人公里 人海里 吨海里"
)
_TIME = "年 年度 天 日 个月 月 小时 分钟 秒 周 星期 工作日 季度 个季度 天次"
_MULT = "倍 番 位 百分点 千分点 % ‰ 成"
UNITS = frozenset((_MONEY + " " + _COUNT + " " + _MEASURE + " " + _TIME + " " + _MULT).split())
TIME_UNITS = frozenset("年 年度 天 日 个月 月 小时 分钟 秒 周 星期 工作日 季度 个季度 个星期 天次".split())
# 个 + one of these: 个 is dropped (months/quarters keep it, see module docstring)
GE_PROPER = {"百分点": "百分点", "千分点": "千分点", "工作日": "工作日", "小时": "小时",
              "星期": "星期", "钟头": "钟头", "月": "个月", "季度": "个季度"}
# words after a number that make it an identifier, edition or rank, never a unit
NOT_UNITS = ("号", "周年", "版", "代", "线", "强", "级")
# the few Latin-letter units reports use (compute, storage, containers, power)
LATIN_UNITS = ("EFLOPS", "PFLOPS", "Eflops", "Pflops", "PF", "P", "EB", "PB", "TB", "GB", "TEU",
               "kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW", "kV", "km")
LATIN_UNIT = re.compile(r"(?:%s)(?![A-Za-z0-9])" % "|".join(LATIN_UNITS))
# reported as the plain unit: 1148亿元人民币 → 元
UNIT_ALIASES = {"元人民币": "元", "人民币": "元"}
UNITS_BY_LEN = sorted(UNITS, key=len, reverse=True)
QIAN_BAI_UNITS = tuple(u for u in UNITS_BY_LEN if u[0] in "千百")  # 千瓦 千伏 百分点 …

HAN_WORD = re.compile(r"[\u3400-\u9fff]{1,3}")  # a measure word written as such

# --------------------------------------------------------------------------- the finder's lists
# Unit words the finder accepts after a number (the reader accepts more).
_RISKY = set("门 口 根 片 期 组 队 笔 班 票 双 副 份 床 段 节 帧 伏 升 立方 标煤 标准煤 月 日 "
             "季度 趟 单 幢 匹 盏 例 人日 份次 亩次 天次 个季度 个工作日 个星期".split())
FINDER_UNITS = sorted((u for u in UNITS if u not in _RISKY), key=len, reverse=True)

# a word right after the unit that makes the number part of another word (位于, 名单, 部门 …)
_HAN_CHAR = r"[\u4e00-\u9fff]"
TRAPS_BY_UNIT = {
    "位": "于|列|居|次|置|数|一体", "名": "单|牌|称|录|片|优|列|次|义|额",
    "部": "门|署|分|委|件|际|长|队|位", "所": "有|属|得|需|以(?!上|下|内)|谓|称|长|述",
    "家": "庭|长|居|乡|政|园|用|属|族|具|电|人|门|底|风|书",
    "户": "籍|外|均|口|型|主|内|数", "个": "人|体|性|税|别", "款": "项|式|待", "轮": "值|换|回|流|胎|船|岗|训|番|动|车",
    "方": "面|式|案|向|法|针|位|舱|言|阵|程|略|便|圆|正|形|块|格|志|兴|可|能|才|舟|剂|略|队|合",
    "人": "口|才|员|民|均|工|大|士|群|类|格|文|心|力|事|为|们|家|社|次",
    "元": "素|宇宙|旦|年|件|化|结构|首|老|气|帅|器", "天": "然|津|府|山|下|空|地|使|河|文|宫|眼",
    "次": "性|要|生|级|序|产业", "起": "步|来|草|点|航|始|色|飞|诉|跑|到|源|伏",
    "批": "准|复|示|评", "种": "植|养|业|子|苗|粮|类|质|源", "类": "水|区|城|标|别|型|似",
    "对": "接|口|外|象|比|标|于|话|策|照|应|冲|待|手|方", "支": "持|撑|付|出|柱|援|部|线|流",
    "架": "构|设|空", "列": "入|为|出|席|举|示|支", "本": "地|科|土|级|市|省|区|年|质|身|着|届|领|色|来|次|底|金",
    "场": "景|所|地|馆|站|域|面|合|外|内|化|主", "台": "河|州|湾|阶|账|风|区|山|市|县|胞|商|资|企|海",
    "条": "例|件|款|码|线|幅|理", "项": "目", "间": "接|隔|距|歇|断", "块": "状|头",
    "处": "理|置|室|级|于|在|罚|分", "座": "谈|右|位", "张": "家|口|力|扬|贴", "件": "事",
    "度": "假|过|量", "克": "服|难|隆|拉", "米": "粮|面|酒|其|兰", "颗": "粒",
    "头": "部|条|雁|号", "只": "有|要|是|能|会|需", "周": "年|边|期|围|转|末",
    "倍": "增", "亩": "均", "担": "任|当|保|心|负|子|忧|纲|起|架", "箱": "包|体|式",
    "成": "为|员|立|果|本|绩|就|效|熟|交|长|功|型|不|都|了|片|群|套",
    "千伏": "(?![以左])" + _HAN_CHAR, "伏": "(?![以左])" + _HAN_CHAR,
    "年": "度|级|代|份|轻|货|计划|规划|制",
}
TRAPS = {u: re.compile(p) for u, p in TRAPS_BY_UNIT.items()}
GLOBAL_TRAP = re.compile(r"级")

# words after a Chinese-numeral quantity that make it a formula (四个意识, 五位一体)
CN_TRAP = re.compile(r"一体|维护|确立|意识|自信|全面|毫不动摇|规定|务必|基本点|大局|结合|"
                      r"中心|一百年|代表|坚持|优先|统筹|融合|聚焦|必须|不变|精神|担当|工程|行动|"
                      r"现代化|基本原则|原则|积极性|世界(?!一流|级)|政治标准|五年计划|主张|文明|市场|资源")

# 三间河, 四栋楼小区, 十八家子: a Chinese numeral + measure word inside a place name
CN_PLACE = re.compile(r"[河路街村镇乡山湖江桥楼子沟屯堡岭]")

# after a magnitude-only numeral (千亿元): a threshold, not an amount
MAG_ONLY_TRAP = re.compile(r"台阶|大关|关口|级|规模")
# units the finder's context rules single out: money (a threshold inside a name: 5000万元以上项目),
# ranks (第7位, 前10名), and the units a lone 一 may count (一倍, 一成; not 一批, 一个)
MONEY_UNITS = {"元", "美元", "港元", "欧元", "日元", "元人民币"}
RANK_UNITS = {"位", "名", "强", "%", "‰"}
LONE_ONE_UNITS = {"倍", "番", "成", "百分点", "千分点", "%"}
