"""Tests of policy_ie.quantities.read_quantity (normalised AMOUNT / PERCENT readings).

Table rows are ``(span, before, value, unit, qualifier[, low, high], source)``; the
source names the file under ``shared/`` (and line) where the surface occurs, or
"constructed" for readings the guidelines/conventions state without a real example.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_ie.quantities import BEFORE_CHARS, QUALIFIERS, Quantity, QuantityError, read_quantity

_REPO = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (_REPO.parent / "shared", _REPO / "shared") if p.is_dir()),
              _REPO.parent / "shared")

# --------------------------------------------------------------------------- real surfaces
REAL_CASES = [
    ('2000亿元', '大项目总投资不低于', 200000000000, '元', 'at_least', 'reports-2026/北京市.txt line 59'),
    ('80%', '投资项目比重不低于', 80, '%', 'at_least', 'reports-2026/浙江省.txt line 80'),
    ('28万人', '城镇新增就业不少于', 280000, '人', 'at_least', 'reports-2026/北京市.txt line 89'),
    ('5028.04万亩', '保耕地保有量不少于', 50280400, '亩', 'at_least', 'reports-2026/贵州省.txt line 60'),
    ('46万人', '就业人数年均超过', 460000, '人', 'more_than', 'reports-2026/辽宁省.txt line 31'),
    ('10.6万户', '各类市场主体突破', 106000, '户', 'more_than', 'seeds/003_c0fc854bd6533b57.txt line 47'),
    ('500億元', '總產(chǎn)值突破', 50000000000, '元', 'more_than', 'seeds/002_895fd38d52e3d926.txt line 12'),
    ('12%', '增速突破', 12, '%', 'more_than', 'seeds/002_895fd38d52e3d926.txt line 15'),
    ('两番', '', 2, '番', 'exact', 'reports-2026/天津市.txt line 50'),
    ('6位', '', 6, '位', 'exact', 'reports-2026/海南省.txt line 40'),
    ('53倍', '', 53, '倍', 'exact', 'seeds/002_895fd38d52e3d926.txt line 12'),
    ('近30亿元', '', 3000000000, '元', 'approx', 'seeds/003_c0fc854bd6533b57.txt line 53'),
    ('2个百分点', '', 2, '百分点', 'exact', 'seeds/000_f8c424b8144bc32d.txt line 17'),
    ('11.73亿元', '', 1173000000, '元', 'exact', 'seeds/000_f8c424b8144bc32d.txt line 11'),
    ('430余个', '', 430, '个', 'more_than', 'seeds/000_f8c424b8144bc32d.txt line 13'),
    ('4807万元', '', 48070000, '元', 'exact', 'seeds/000_f8c424b8144bc32d.txt line 13'),
    ('105%', '', 105, '%', 'exact', 'seeds/000_f8c424b8144bc32d.txt line 11'),
    ('74.3%', '', 74.3, '%', 'exact', 'seeds/000_f8c424b8144bc32d.txt line 11'),
    ('9个', '', 9, '个', 'exact', 'seeds/000_f8c424b8144bc32d.txt line 11'),
    ('2100万元', '', 21000000, '元', 'exact', 'seeds/000_f8c424b8144bc32d.txt line 13'),
    ('13%', '', 13, '%', 'exact', 'seeds/000_f8c424b8144bc32d.txt line 13'),
    ('500万元', '', 5000000, '元', 'exact', 'seeds/000_f8c424b8144bc32d.txt line 19'),
    ('1000平方米', '', 1000, '平方米', 'exact', 'seeds/000_f8c424b8144bc32d.txt line 19'),
    ('10名', '', 10, '名', 'exact', 'seeds/000_f8c424b8144bc32d.txt line 21'),
    ('5.5%—6%', '', 5.5, '%', 'range', 5.5, 6, 'reports-2026/新疆维吾尔自治区.txt line 48'),
    ('1‰', '', 1, '‰', 'exact', 'reports-2026/重庆市.txt line 34'),
    ('159.7公里', '', 159.7, '公里', 'exact', 'seeds/003_c0fc854bd6533b57.txt line 49'),
    ('6155万美元', '', 61550000, '美元', 'exact', 'seeds/003_c0fc854bd6533b57.txt line 57'),
    ('2168亿元', '', 216800000000, '元', 'exact', 'seeds/003_c0fc854bd6533b57.txt line 47'),
    ('5.2万户', '', 52000, '户', 'exact', 'seeds/003_c0fc854bd6533b57.txt line 47'),
    ('5家', '', 5, '家', 'exact', 'seeds/003_c0fc854bd6533b57.txt line 47'),
    ('55.7%', '', 55.7, '%', 'exact', 'reports-2026/山东省.txt line 27'),
    ('8%以上', '', 8, '%', 'at_least', 'reports-2026/辽宁省.txt line 37'),
    ('50万元以下', '', 500000, '元', 'at_most', 'reports-2026/湖南省.txt line 20'),
    ('百亿元', '连续3年突破', 10000000000, '元', 'more_than', 'reports-2026/天津市.txt line 37'),
    ('万亿元', '率先突破', 1000000000000, '元', 'more_than', 'reports-2026/广西壮族自治区.txt line 41'),
    ('超千亿元', '', 100000000000, '元', 'more_than', 'reports-2026/广西壮族自治区.txt line 41'),
    ('1倍', '', 1, '倍', 'exact', 'reports-2026/重庆市.txt line 29'),
    ('两所', '', 2, '所', 'exact', 'reports-2026/广西壮族自治区.txt line 34'),
    ('两所', '', 2, '所', 'exact', 'reports-2026/山西省.txt line 23'),
    ('1.2億斤', '', 120000000, '斤', 'exact', 'seeds/002_895fd38d52e3d926.txt line 6'),
    ('5.88萬套', '', 58800, '套', 'exact', 'seeds/002_895fd38d52e3d926.txt line 27'),
    ('8.7萬畝', '', 87000, '亩', 'exact', 'seeds/002_895fd38d52e3d926.txt line 6'),
    ('12.4萬戶', '', 124000, '户', 'exact', 'seeds/002_895fd38d52e3d926.txt line 12'),
    ('21個百分點', '', 21, '百分点', 'exact', 'seeds/002_895fd38d52e3d926.txt line 12'),
    ('9.4個百分點', '', 9.4, '百分点', 'exact', 'seeds/002_895fd38d52e3d926.txt line 21'),
    ('1500余套', '', 1500, '套', 'more_than', 'seeds/002_895fd38d52e3d926.txt line 15'),
    ('2300余萬元', '', 23000000, '元', 'more_than', 'seeds/002_895fd38d52e3d926.txt line 30'),
    ('20蒸噸以上', '', 20, '蒸吨', 'at_least', 'seeds/002_895fd38d52e3d926.txt line 24'),
    ('25%以上', '', 25, '%', 'at_least', 'seeds/002_895fd38d52e3d926.txt line 30'),
    ('17位', '', 17, '位', 'exact', 'seeds/002_895fd38d52e3d926.txt line 15'),
    ('1.89萬個', '', 18900, '个', 'exact', 'seeds/002_895fd38d52e3d926.txt line 18'),
    ('17臺', '', 17, '台', 'exact', 'seeds/002_895fd38d52e3d926.txt line 24'),
    ('65場次', '', 65, '场次', 'exact', 'seeds/002_895fd38d52e3d926.txt line 12'),
    ('5.1％', '', 5.1, '%', 'exact', 'reports-2026/陕西省.txt line 22'),
    ('37.9％', '', 37.9, '%', 'exact', 'reports-2026/陕西省.txt line 32'),
    ('5％左右', '', 5, '%', 'approx', 'reports-2026/陕西省.txt line 39'),
    ('5.5％以上', '', 5.5, '%', 'at_least', 'reports-2026/陕西省.txt line 26'),
    ('4.5%-5%', '', 4.5, '%', 'range', 4.5, 5, 'reports-2026/北京市.txt line 43'),
    ('5%—5.5%', '', 5, '%', 'range', 5, 5.5, 'reports-2026/安徽省.txt line 48'),
    ('2-3家', '', 2, '家', 'range', 2, 3, 'reports-2026/海南省.txt line 121'),
    ('25—30家', '', 25, '家', 'range', 25, 30, 'reports-2026/山西省.txt line 72'),
    ('2—3岁', '', 2, '岁', 'range', 2, 3, 'reports-2026/西藏自治区.txt line 77'),
    ('1-2个', '', 1, '个', 'range', 1, 2, 'reports-2026/江西省.txt line 65'),
    ('近八成', '', 80, '%', 'approx', 'reports-2026/北京市.txt line 24'),
    ('超两成', '', 20, '%', 'more_than', 'reports-2026/北京市.txt line 24'),
    ('两成', '', 20, '%', 'exact', 'reports-2026/北京市.txt line 24'),
    ('约7成', '', 70, '%', 'approx', 'reports-2026/重庆市.txt line 31'),
    ('超3成', '', 30, '%', 'more_than', 'reports-2026/重庆市.txt line 22'),
    ('八成以上', '', 80, '%', 'at_least', 'reports-2026/安徽省.txt line 27'),
    ('八成左右', '', 80, '%', 'approx', 'reports-2026/广西壮族自治区.txt line 41'),
    ('九成以上', '', 90, '%', 'at_least', 'reports-2026/新疆维吾尔自治区.txt line 23'),
    ('一番', '', 1, '番', 'exact', 'reports-2026/新疆维吾尔自治区.txt line 23'),
    ('2倍多', '', 2, '倍', 'more_than', 'reports-2026/四川省.txt line 28'),
    ('近7倍', '', 7, '倍', 'approx', 'reports-2026/辽宁省.txt line 21'),
    ('两倍', '', 2, '倍', 'exact', 'reports-2026/海南省.txt line 38'),
    ('约14个百分点', '', 14, '百分点', 'approx', 'reports-2026/海南省.txt line 26'),
    ('3个百分点左右', '', 3, '百分点', 'approx', 'reports-2026/贵州省.txt line 80'),
    ('0.9个百分点以上', '', 0.9, '百分点', 'at_least', 'reports-2026/湖南省.txt line 84'),
    ('0.4个百分点', '', 0.4, '百分点', 'exact', 'reports-2026/北京市.txt line 20'),
    ('百亿次', '传播量突破', 10000000000, '次', 'more_than', 'reports-2026/四川省.txt line 18'),
    ('千万人次', '双双超过', 10000000, '人次', 'more_than', 'reports-2026/宁夏回族自治区.txt line 31'),
    ('百万辆', '整车出口突破', 1000000, '辆', 'more_than', 'reports-2026/安徽省.txt line 22'),
    ('千万标箱', '历史性突破', 10000000, '标箱', 'more_than', 'reports-2026/广西壮族自治区.txt line 23'),
    ('超2千亿元', '', 200000000000, '元', 'more_than', 'reports-2026/广西壮族自治区.txt line 41'),
    ('9千亿元', '', 900000000000, '元', 'exact', 'reports-2026/广西壮族自治区.txt line 41'),
    ('千余家', '', 1000, '家', 'more_than', 'reports-2026/天津市.txt line 46'),
    ('百余项', '', 100, '项', 'more_than', 'reports-2026/天津市.txt line 48'),
    ('三千亿元', '', 300000000000, '元', 'exact', 'reports-2026/湖北省.txt line 19'),
    ('三十年', '', 30, '年', 'exact', 'reports-2026/江西省.txt line 66'),
    ('十件', '', 10, '件', 'exact', 'reports-2026/新疆维吾尔自治区.txt line 27'),
    ('5分/千瓦时', '', 5, '分/千瓦时', 'exact', 'reports-2026/浙江省.txt line 26'),
    ('1148亿元人民币', '', 114800000000, '元', 'exact', 'reports-2026/上海市.txt line 19'),
    ('42万元/人以上', '', 420000, '元/人', 'at_least', 'reports-2026/上海市.txt line 52'),
    ('0.6人/百亿元以下', '', 0.6, '人/百亿元', 'at_most', 'reports-2026/北京市.txt line 43'),
    ('150亿方/年', '', 15000000000, '方/年', 'exact', 'reports-2026/陕西省.txt line 25'),
    ('20亿立方米/年', '', 2000000000, '立方米/年', 'exact', 'reports-2026/新疆维吾尔自治区.txt line 31'),
    ('10.36百亿亿次/秒', '', 10360000000000000000, '次/秒', 'exact', 'reports-2026/河南省.txt line 19'),
    ('26.3微克/立方米', '', 26.3, '微克/立方米', 'exact', 'reports-2026/上海市.txt line 19'),
    ('70周岁以上', '', 70, '周岁', 'at_least', 'reports-2026/浙江省.txt line 102'),
    ('10.2年左右', '', 10.2, '年', 'approx', 'reports-2026/贵州省.txt line 22'),
    ('2.3亿吨标准煤左右', '', 230000000, '吨标准煤', 'approx', 'reports-2026/贵州省.txt line 36'),
    ('1302万吨标准煤', '', 13020000, '吨标准煤', 'exact', 'reports-2026/浙江省.txt line 21'),
    ('114亿立方米以内', '', 11400000000, '立方米', 'at_most', 'reports-2026/新疆维吾尔自治区.txt line 70'),
    ('10%以下', '', 10, '%', 'at_most', 'reports-2026/内蒙古自治区.txt line 23'),
    ('5%以内', '', 5, '%', 'at_most', 'reports-2026/西藏自治区.txt line 18'),
    ('8.9小时', '', 8.9, '小时', 'exact', 'reports-2026/广西壮族自治区.txt line 31'),
    ('281天', '', 281, '天', 'exact', 'reports-2026/天津市.txt line 49'),
    ('325天以上', '', 325, '天', 'at_least', 'reports-2026/重庆市.txt line 33'),
    ('100吉瓦时', '', 100, '吉瓦时', 'exact', 'reports-2026/宁夏回族自治区.txt line 56'),
    ('720兆瓦', '', 720, '兆瓦', 'exact', 'reports-2026/宁夏回族自治区.txt line 86'),
    ('9兆瓦时', '', 9, '兆瓦时', 'exact', 'reports-2026/福建省.txt line 21'),
    ('1.39亿千瓦', '', 139000000, '千瓦', 'exact', 'reports-2026/山东省.txt line 29'),
    ('100亿千瓦时', '', 10000000000, '千瓦时', 'exact', 'reports-2026/山西省.txt line 31'),
    ('超2万亿千瓦时', '', 2000000000000, '千瓦时', 'more_than', 'reports-2026/云南省.txt line 21'),
    ('４４５５亿千瓦小时', '', 445500000000, '千瓦小时', 'exact', 'national-reports/1987.txt line 16'),
    ('一千二百萬平方公尺', '即有', 12000000, '平方公尺', 'exact', 'national-reports/1954.txt line 83'),
    ('0.13千克', '', 0.13, '千克', 'exact', 'reports-2026/云南省.txt line 21'),
    ('超3000亿度', '', 300000000000, '度', 'more_than', 'reports-2026/内蒙古自治区.txt line 44'),
    ('超2400万标准箱', '', 24000000, '标准箱', 'more_than', 'reports-2026/天津市.txt line 31'),
    ('50万标箱', '', 500000, '标箱', 'exact', 'reports-2026/重庆市.txt line 41'),
    ('2152航次', '', 2152, '航次', 'exact', 'reports-2026/海南省.txt line 15'),
    ('1.2万车次', '', 12000, '车次', 'exact', 'reports-2026/重庆市.txt line 22'),
    ('1万户次', '', 10000, '户次', 'exact', 'reports-2026/浙江省.txt line 106'),
    ('4000班次', '', 4000, '班次', 'exact', 'reports-2026/河南省.txt line 73'),
    ('100万批次', '', 1000000, '批次', 'exact', 'reports-2026/山西省.txt line 99'),
    ('2000多亿方', '', 200000000000, '方', 'more_than', 'reports-2026/宁夏回族自治区.txt line 56'),
    ('360多亿吨', '', 36000000000, '吨', 'more_than', 'reports-2026/宁夏回族自治区.txt line 56'),
    ('10亿多元', '', 1000000000, '元', 'more_than', 'reports-2026/宁夏回族自治区.txt line 45'),
    ('197万余人次', '', 1970000, '人次', 'more_than', 'reports-2026/四川省.txt line 23'),
    ('近5000万人次', '', 50000000, '人次', 'approx', 'reports-2026/云南省.txt line 21'),
    ('近1万亿元', '', 1000000000000, '元', 'approx', 'reports-2026/云南省.txt line 21'),
    ('约50平方公里', '', 50, '平方公里', 'approx', 'reports-2026/北京市.txt line 33'),
    ('约3543亿元', '', 354300000000, '元', 'approx', 'reports-2026/四川省.txt line 21'),
    ('1.1万亿元左右', '', 1100000000000, '元', 'approx', 'reports-2026/江西省.txt line 50'),
    ('7150万亩左右', '', 71500000, '亩', 'approx', 'reports-2026/湖南省.txt line 88'),
    ('1000元左右', '', 1000, '元', 'approx', 'reports-2026/宁夏回族自治区.txt line 52'),
    ('超760亿斤', '', 76000000000, '斤', 'more_than', 'reports-2026/江苏省.txt line 25'),
    ('超1.36万亿元', '', 1360000000000, '元', 'more_than', 'reports-2026/湖南省.txt line 29'),
    ('1万亿元以上', '', 1000000000000, '元', 'at_least', 'reports-2026/江西省.txt line 27'),
    ('5000万标准箱', '', 50000000, '标准箱', 'exact', 'reports-2026/上海市.txt line 52'),
    ('6248万头', '', 62480000, '头', 'exact', 'reports-2026/四川省.txt line 20'),
    ('137颗', '', 137, '颗', 'exact', 'reports-2026/山东省.txt line 27'),
    ('10.73万艘', '', 107300, '艘', 'exact', 'reports-2026/福建省.txt line 52'),
    ('4万架', '', 40000, '架', 'exact', 'reports-2026/青海省.txt line 15'),
    ('111枚', '', 111, '枚', 'exact', 'reports-2026/西藏自治区.txt line 28'),
    ('8000万株以上', '', 80000000, '株', 'at_least', 'reports-2026/云南省.txt line 102'),
    ('2万宗', '', 20000, '宗', 'exact', 'reports-2026/浙江省.txt line 89'),
    ('四批次', '', 4, '批次', 'exact', 'reports-2026/西藏自治区.txt line 27'),
    ('三支', '', 3, '支', 'exact', 'reports-2026/江苏省.txt line 50'),
    ('五张', '', 5, '张', 'exact', 'reports-2026/海南省.txt line 123'),
    ('三条', '', 3, '条', 'exact', 'reports-2026/天津市.txt line 24'),
    ('三项', '', 3, '项', 'exact', 'reports-2026/湖北省.txt line 28'),
    ('三次', '', 3, '次', 'exact', 'reports-2026/宁夏回族自治区.txt line 30'),
    ('24只', '', 24, '只', 'exact', 'reports-2026/湖北省.txt line 34'),
    ('17块', '', 17, '块', 'exact', 'reports-2026/重庆市.txt line 24'),
    ('1.7万间', '', 17000, '间', 'exact', 'reports-2026/新疆维吾尔自治区.txt line 36'),
    ('6.8万栋', '', 68000, '栋', 'exact', 'reports-2026/陕西省.txt line 29'),
    ('5300多栋', '', 5300, '栋', 'more_than', 'reports-2026/河北省.txt line 21'),
    ('7000多所', '', 7000, '所', 'more_than', 'reports-2026/河南省.txt line 24'),
    ('40款', '', 40, '款', 'exact', 'reports-2026/重庆市.txt line 23'),
    ('10轮', '', 10, '轮', 'exact', 'reports-2026/重庆市.txt line 27'),
    ('118对', '', 118, '对', 'exact', 'reports-2026/云南省.txt line 27'),
    ('1.7万列', '', 17000, '列', 'exact', 'reports-2026/河南省.txt line 22'),
    ('3000列以上', '', 3000, '列', 'at_least', 'reports-2026/浙江省.txt line 85'),
    ('5000米以上', '', 5000, '米', 'at_least', 'reports-2026/西藏自治区.txt line 36'),
    ('2.9平方米', '', 2.9, '平方米', 'exact', 'reports-2026/江西省.txt line 30'),
    ('500公顷', '', 500, '公顷', 'exact', 'reports-2026/上海市.txt line 102'),
    ('超12万平方公里', '', 120000, '平方公里', 'more_than', 'reports-2026/四川省.txt line 21'),
    ('6779平方公里', '', 6779, '平方公里', 'exact', 'reports-2026/河南省.txt line 23'),
    ('37万立方米', '', 370000, '立方米', 'exact', 'reports-2026/海南省.txt line 155'),
    ('750亿立方米', '', 75000000000, '立方米', 'exact', 'reports-2026/山西省.txt line 21'),
    ('约800亿立方米', '', 80000000000, '立方米', 'approx', 'reports-2026/青海省.txt line 27'),
    ('1.23亿亩', '', 123000000, '亩', 'exact', 'reports-2026/内蒙古自治区.txt line 23'),
    ('3195万亩', '', 31950000, '亩', 'exact', 'reports-2026/河北省.txt line 24'),
    ('1350.97亿斤', '', 135097000000, '斤', 'exact', 'reports-2026/河南省.txt line 25'),
    ('1105.6斤', '', 1105.6, '斤', 'exact', 'reports-2026/新疆维吾尔自治区.txt line 31'),
    ('76.28亿斤', '', 7628000000, '斤', 'exact', 'reports-2026/宁夏回族自治区.txt line 36'),
    ('13亿吨左右', '', 1300000000, '吨', 'approx', 'reports-2026/山西省.txt line 60'),
    ('超35亿吨', '', 3500000000, '吨', 'more_than', 'reports-2026/内蒙古自治区.txt line 21'),
    ('400万吨/年', '', 4000000, '吨/年', 'exact', 'reports-2026/陕西省.txt line 32'),
    ('5.95万亿元', '', 5950000000000, '元', 'exact', 'reports-2026/江苏省.txt line 30'),
    ('3.6万亿元', '', 3600000000000, '元', 'exact', 'reports-2026/江西省.txt line 27'),
    ('255亿美元', '', 25500000000, '美元', 'exact', 'reports-2026/上海市.txt line 29'),
    ('超4亿美元', '', 400000000, '美元', 'more_than', 'reports-2026/浙江省.txt line 25'),
    ('1.19万美元', '', 11900, '美元', 'exact', 'reports-2026/湖南省.txt line 29'),
    ('41580元', '', 41580, '元', 'exact', 'reports-2026/重庆市.txt line 34'),
    ('25万元/人', '', 250000, '元/人', 'exact', 'reports-2026/重庆市.txt line 40'),
    ('30万元/人左右', '', 300000, '元/人', 'approx', 'reports-2026/浙江省.txt line 43'),
    ('4318元/年', '', 4318, '元/年', 'exact', 'reports-2026/贵州省.txt line 22'),
    ('5.2万元', '', 52000, '元', 'exact', 'reports-2026/山西省.txt line 20'),
    ('8万元以上', '', 80000, '元', 'at_least', 'reports-2026/贵州省.txt line 30'),
    ('9万元左右', '', 90000, '元', 'approx', 'reports-2026/浙江省.txt line 43'),
    ('超8600人', '', 8600, '人', 'more_than', 'reports-2026/海南省.txt line 157'),
    ('4900余人', '', 4900, '人', 'more_than', 'reports-2026/四川省.txt line 23'),
    ('1480多人', '', 1480, '人', 'more_than', 'reports-2026/山东省.txt line 20'),
    ('1000人以上', '', 1000, '人', 'at_least', 'reports-2026/安徽省.txt line 63'),
    ('17万人左右', '', 170000, '人', 'approx', 'reports-2026/海南省.txt line 169'),
    ('113.5万人', '', 1135000, '人', 'exact', 'reports-2026/新疆维吾尔自治区.txt line 36'),
    ('80余万名', '', 800000, '名', 'more_than', 'reports-2026/山西省.txt line 36'),
    ('200万名以上', '', 2000000, '名', 'at_least', 'reports-2026/重庆市.txt line 97'),
    ('1200名以上', '', 1200, '名', 'at_least', 'reports-2026/贵州省.txt line 80'),
    ('近4000名', '', 4000, '名', 'approx', 'reports-2026/四川省.txt line 21'),
    ('4.16亿人次', '', 416000000, '人次', 'exact', 'reports-2026/上海市.txt line 42'),
    ('超11亿人次', '', 1100000000, '人次', 'more_than', 'reports-2026/四川省.txt line 18'),
    ('10万人次以上', '', 100000, '人次', 'at_least', 'reports-2026/青海省.txt line 107'),
    ('30余万人次', '', 300000, '人次', 'more_than', 'reports-2026/天津市.txt line 31'),
    ('750多万人次', '', 7500000, '人次', 'more_than', 'reports-2026/福建省.txt line 29'),
    ('超10万场次', '', 100000, '场次', 'more_than', 'reports-2026/浙江省.txt line 25'),
    ('3万场次', '', 30000, '场次', 'exact', 'reports-2026/重庆市.txt line 34'),
    ('3万余场次', '', 30000, '场次', 'more_than', 'reports-2026/四川省.txt line 18'),
    ('100场以上', '', 100, '场', 'at_least', 'reports-2026/辽宁省.txt line 48'),
    ('200多场', '', 200, '场', 'more_than', 'reports-2026/宁夏回族自治区.txt line 46'),
    ('37万辆', '', 370000, '辆', 'exact', 'reports-2026/上海市.txt line 37'),
    ('超130万辆', '', 1300000, '辆', 'more_than', 'reports-2026/北京市.txt line 25'),
    ('近70万辆', '', 700000, '辆', 'approx', 'reports-2026/北京市.txt line 23'),
    ('800台以上', '', 800, '台', 'at_least', 'reports-2026/北京市.txt line 78'),
    ('1.8万台', '', 18000, '台', 'exact', 'reports-2026/浙江省.txt line 24'),
    ('3326张', '', 3326, '张', 'exact', 'reports-2026/上海市.txt line 39'),
    ('3万张以上', '', 30000, '张', 'at_least', 'reports-2026/上海市.txt line 109'),
    ('3400多张', '', 3400, '张', 'more_than', 'reports-2026/宁夏回族自治区.txt line 59'),
    ('18万套以上', '', 180000, '套', 'at_least', 'reports-2026/山东省.txt line 58'),
    ('超3.5万套', '', 35000, '套', 'more_than', 'reports-2026/江苏省.txt line 32'),
    ('310多万户', '', 3100000, '户', 'more_than', 'reports-2026/湖北省.txt line 24'),
    ('24万多户', '', 240000, '户', 'more_than', 'reports-2026/宁夏回族自治区.txt line 59'),
    ('5万余户', '', 50000, '户', 'more_than', 'reports-2026/四川省.txt line 32'),
    ('约21万户', '', 210000, '户', 'approx', 'reports-2026/海南省.txt line 64'),
    ('8万户以上', '', 80000, '户', 'at_least', 'reports-2026/广西壮族自治区.txt line 68'),
    ('600户左右', '', 600, '户', 'approx', 'reports-2026/云南省.txt line 75'),
    ('800万户', '', 8000000, '户', 'exact', 'reports-2026/湖南省.txt line 29'),
    ('80多万个', '', 800000, '个', 'more_than', 'reports-2026/重庆市.txt line 23'),
    ('1万余个', '', 10000, '个', 'more_than', 'reports-2026/山西省.txt line 25'),
    ('50万个以上', '', 500000, '个', 'at_least', 'reports-2026/内蒙古自治区.txt line 64'),
    ('超80个', '', 80, '个', 'more_than', 'reports-2026/辽宁省.txt line 22'),
    ('7万多个', '', 70000, '个', 'more_than', 'reports-2026/宁夏回族自治区.txt line 59'),
    ('50个左右', '', 50, '个', 'approx', 'reports-2026/安徽省.txt line 80'),
    ('10个以上', '', 10, '个', 'at_least', 'reports-2026/福建省.txt line 80'),
    ('149.5万个', '', 1495000, '个', 'exact', 'reports-2026/安徽省.txt line 27'),
    ('1.4万余家', '', 14000, '家', 'more_than', 'reports-2026/江西省.txt line 21'),
    ('2万多家', '', 20000, '家', 'more_than', 'reports-2026/山东省.txt line 28'),
    ('700多家', '', 700, '家', 'more_than', 'reports-2026/重庆市.txt line 24'),
    ('100家左右', '', 100, '家', 'approx', 'reports-2026/江西省.txt line 99'),
    ('超6000家', '', 6000, '家', 'more_than', 'reports-2026/浙江省.txt line 19'),
    ('1.55万家', '', 15500, '家', 'exact', 'reports-2026/河北省.txt line 22'),
    ('1.7万余项', '', 17000, '项', 'more_than', 'reports-2026/江西省.txt line 32'),
    ('210多项', '', 210, '项', 'more_than', 'reports-2026/海南省.txt line 30'),
    ('100项以上', '', 100, '项', 'at_least', 'reports-2026/浙江省.txt line 65'),
    ('64.8万项', '', 648000, '项', 'exact', 'reports-2026/北京市.txt line 24'),
    ('4000多万件', '', 40000000, '件', 'more_than', 'reports-2026/山东省.txt line 21'),
    ('7万余件', '', 70000, '件', 'more_than', 'reports-2026/四川省.txt line 23'),
    ('302.86万件', '', 3028600, '件', 'exact', 'reports-2026/新疆维吾尔自治区.txt line 37'),
    ('30条以上', '', 30, '条', 'at_least', 'reports-2026/山西省.txt line 65'),
    ('近100条', '', 100, '条', 'approx', 'reports-2026/广西壮族自治区.txt line 26'),
    ('1.4万余处', '', 14000, '处', 'more_than', 'reports-2026/山东省.txt line 24'),
    ('1100余处', '', 1100, '处', 'more_than', 'reports-2026/天津市.txt line 42'),
    ('1.3万处', '', 13000, '处', 'exact', 'reports-2026/河南省.txt line 29'),
    ('100余起', '', 100, '起', 'more_than', 'reports-2026/四川省.txt line 23'),
    ('36起', '', 36, '起', 'exact', 'reports-2026/宁夏回族自治区.txt line 44'),
    ('1700余所', '', 1700, '所', 'more_than', 'reports-2026/山西省.txt line 27'),
    ('40所以上', '', 40, '所', 'at_least', 'reports-2026/贵州省.txt line 45'),
    ('10所左右', '', 10, '所', 'approx', 'reports-2026/贵州省.txt line 76'),
    ('超12倍', '', 12, '倍', 'more_than', 'reports-2026/云南省.txt line 37'),
    ('3倍以上', '', 3, '倍', 'at_least', 'reports-2026/宁夏回族自治区.txt line 56'),
    ('1.6倍', '', 1.6, '倍', 'exact', 'reports-2026/山东省.txt line 30'),
    ('80多种', '', 80, '种', 'more_than', 'reports-2026/内蒙古自治区.txt line 20'),
    ('1.36万种', '', 13600, '种', 'exact', 'reports-2026/浙江省.txt line 26'),
    ('90余万亩', '', 900000, '亩', 'more_than', 'reports-2026/山东省.txt line 29'),
    ('1000多万亩', '', 10000000, '亩', 'more_than', 'reports-2026/宁夏回族自治区.txt line 58'),
    ('7100万亩以上', '', 71000000, '亩', 'at_least', 'reports-2026/湖南省.txt line 31'),
    ('600平方公里以上', '', 600, '平方公里', 'at_least', 'reports-2026/贵州省.txt line 67'),
    ('超400公里', '', 400, '公里', 'more_than', 'reports-2026/天津市.txt line 49'),
    ('1250公里以上', '', 1250, '公里', 'at_least', 'reports-2026/福建省.txt line 95'),
    ('2.65万公里', '', 26500, '公里', 'exact', 'reports-2026/重庆市.txt line 32'),
    ('5岁以下', '', 5, '岁', 'at_most', 'reports-2026/海南省.txt line 19'),
    ('78岁左右', '', 78, '岁', 'approx', 'reports-2026/贵州省.txt line 34'),
    ('82.5岁', '', 82.5, '岁', 'exact', 'reports-2026/浙江省.txt line 36'),
    ('近30%', '', 30, '%', 'approx', 'reports-2026/重庆市.txt line 34'),
    ('约65%', '', 65, '%', 'approx', 'reports-2026/海南省.txt line 13'),
    ('超98.5%', '', 98.5, '%', 'more_than', 'reports-2026/北京市.txt line 27'),
    ('5.5%以内', '', 5.5, '%', 'at_most', 'reports-2026/云南省.txt line 67'),
    ('10%左右', '', 10, '%', 'approx', 'reports-2026/新疆维吾尔自治区.txt line 53'),
    ('22万P', '', 220000, 'P', 'exact', 'reports-2026/内蒙古自治区.txt line 21'),
    ('近一半', '', 50, '%', 'approx', 'reports-2026/北京市.txt line 23'),
    ('99%', '率分别超98.5%和', 99, '%', 'more_than', 'reports-2026/北京市.txt line 27'),
    ('85％', '普及率超过98％、', 85, '%', 'more_than', 'reports-2026/陕西省.txt line 26'),
    ('3000亿元', '分别突破300亿元和', 300000000000, '元', 'more_than', 'reports-2026/西藏自治区.txt line 34'),
    ('超万列', '', 10000, '列', 'more_than', 'reports-2026/江苏省.txt line 23'),
    ('1/10以上', '', 10, '%', 'at_least', 'reports-2026/江苏省.txt line 24'),
    ('1/3以上', '', 33.33, '%', 'at_least', 'reports-2026/江苏省.txt line 32'),
    ('1/4', '', 25, '%', 'exact', 'reports-2026/江苏省.txt line 32'),
    ('80%', '优良天数比率接近', 80, '%', 'approx', 'reports-2026/河北省.txt line 21'),
    ('10万千瓦及以下', '', 100000, '千瓦', 'at_most', 'reports-2026/河南省.txt line 79'),
    ('近万人次', '', 10000, '人次', 'approx', 'seeds/004_b52a0e42251b1971.txt line 57'),
]

# --------------------------------------------------------------------------- constructed
CONSTRUCTED_CASES = [
    # guideline / convention examples
    ("3.8万亿元", "", 3800000000000, "元", "exact", "constructed (guidelines: 3.8万亿元)"),
    ("七成", "", 70, "%", "exact", "constructed (guidelines: 七成 → 70)"),
    ("百分之七", "", 7, "%", "exact", "constructed (guidelines: 百分之七 → 7)"),
    ("600万千瓦", "新增开发装机超过", 6000000, "千瓦", "more_than", "constructed (guidelines worked example)"),
    ("1000亿千瓦时", "", 100000000000, "千瓦时", "exact", "constructed (guidelines AMOUNT examples)"),
    ("22.89万人", "城镇新增就业", 228900, "人", "exact", "constructed (guidelines worked example)"),
    ("4.7个百分点", "提高", 4.7, "百分点", "exact", "constructed (guidelines worked example)"),
    ("0.28个百分点", "", 0.28, "百分点", "exact", "constructed (guidelines PERCENT examples)"),
    ("3‰", "", 3, "‰", "exact", "constructed (guidelines PERCENT examples)"),
    ("近30亿元以上", "", 3000000000, "元", "at_least", "constructed (conventions: last mark wins)"),
    ("5%-6%左右", "", 5, "%", "range", 5, 6, "constructed (conventions: range with a mark)"),
    ("3个工作日", "审批时限压缩至", 3, "工作日", "exact", "constructed (guidelines: 3个工作日)"),
    # ranges
    ("5%-6%", "", 5, "%", "range", 5, 6, "constructed (prompt)"),
    ("5%—6%", "", 5, "%", "range", 5, 6, "constructed (prompt)"),
    ("5%～6%", "", 5, "%", "range", 5, 6, "constructed (prompt, full-width tilde)"),
    ("5-6%", "", 5, "%", "range", 5, 6, "constructed (prompt)"),
    ("5至6个百分点", "", 5, "百分点", "range", 5, 6, "constructed (guidelines: 5至6个百分点)"),
    ("3到5年", "", 3, "年", "range", 3, 5, "constructed (prompt)"),
    ("5-10万元", "", 50000, "元", "range", 50000, 100000, "constructed (shared magnitude)"),
    ("3万-5万元", "", 30000, "元", "range", 30000, 50000, "constructed"),
    ("百分之五到百分之六", "", 5, "%", "range", 5, 6, "constructed"),
    ("两三个", "", 2, "个", "range", 2, 3, "constructed (Chinese approximate range)"),
    ("七八成", "", 70, "%", "range", 70, 80, "constructed (Chinese approximate range)"),
    ("三五万元", "", 30000, "元", "range", 30000, 50000, "constructed (Chinese approximate range)"),
    ("5%——6%", "", 5, "%", "range", 5, 6, "constructed (double dash)"),
    # Chinese numerals
    ("二〇二六年", "", 2026, "年", "exact", "constructed (digit string)"),
    ("十三个", "", 13, "个", "exact", "constructed"),
    ("两千三百个", "", 2300, "个", "exact", "constructed"),
    ("三成", "", 30, "%", "exact", "constructed (prompt)"),
    ("一倍", "增长", 1, "倍", "exact", "constructed (conventions: 增长1倍)"),
    ("十余个", "", 10, "个", "more_than", "constructed (prompt)"),
    ("一番", "翻", 1, "番", "exact", "constructed (conventions: 翻一番)"),
    ("7位", "排名提升", 7, "位", "exact", "constructed (guidelines: 提升7位)"),
    ("三点五万人", "", 35000, "人", "exact", "constructed (点 decimal + magnitude)"),
    ("百分之三点五", "", 3.5, "%", "exact", "constructed"),
    ("千分之三", "", 3, "‰", "exact", "constructed"),
    ("三十多万人", "", 300000, "人", "more_than", "constructed"),
    ("一千零五十家", "", 1050, "家", "exact", "constructed"),
    ("三千五百万元", "", 35000000, "元", "exact", "constructed"),
    ("三家", "", 3, "家", "exact", "constructed (guidelines: 三家)"),
    ("两百万千瓦", "", 2000000, "千瓦", "exact", "constructed (千瓦 not 千 × 瓦)"),
    # units beginning with 千 / 百, 个 handling
    ("3千瓦", "", 3, "千瓦", "exact", "constructed"),
    ("5千米", "", 5, "千米", "exact", "constructed"),
    ("20千克", "", 20, "千克", "exact", "constructed"),
    ("500千伏", "", 500, "千伏", "exact", "constructed"),
    ("3千万元", "", 30000000, "元", "exact", "constructed (千万 magnitude)"),
    ("6个月", "", 6, "个月", "exact", "constructed (months keep 个)"),
    ("3个多月", "", 3, "个月", "more_than", "constructed"),
    ("2个小时", "", 2, "小时", "exact", "constructed (个 dropped)"),
    ("5款", "", 5, "款", "exact", "constructed (unit as written)"),
    ("2520元/月", "", 2520, "元/月", "exact", "constructed (compound unit)"),
    ("1倍多", "", 1, "倍", "more_than", "constructed"),
    ("10,042万吨", "", 100420000, "吨", "exact", "constructed (prompt: thousands separator)"),
    # bound words before the span
    ("3%", "赤字率不超过", 3, "%", "at_most", "constructed (不超过)"),
    ("3%", "赤字率不超過", 3, "%", "at_most", "constructed (traditional 不超過)"),
    ("5000亿元", "投資超過", 500000000000, "元", "more_than", "constructed (traditional 超過)"),
    ("5%以上", "不超过", 5, "%", "at_least", "constructed (span mark wins over bound word)"),
    ("5%", "达到", 5, "%", "exact", "constructed (达到 is no bound word)"),
    ("100万元", "突破  ", 1000000, "元", "more_than", "constructed (whitespace after the verb)"),
    ("超过600万千瓦", "", 6000000, "千瓦", "more_than", "constructed (bound word inside the span)"),
    # traditional script, full-width, pinyin artefacts
    ("3.8萬億元", "", 3800000000000, "元", "exact", "constructed (traditional)"),
    ("兩千三百個", "", 2300, "个", "exact", "constructed (traditional)"),
    ("十餘個", "", 10, "个", "more_than", "constructed (traditional 餘)"),
    ("一萬五千戶", "", 15000, "户", "exact", "constructed (traditional)"),
    ("5個工作日", "", 5, "工作日", "exact", "constructed (traditional)"),
    ("300噸", "", 300, "吨", "exact", "constructed (traditional)"),
    ("2輛", "", 2, "辆", "exact", "constructed (traditional)"),
    ("約5000萬標箱", "", 50000000, "标箱", "approx", "constructed (traditional)"),
    ("12項以內", "", 12, "项", "at_most", "constructed (traditional 以內)"),
    ("５．２万户", "", 52000, "户", "exact", "constructed (full-width digits)"),
    ("７４．３％", "", 74.3, "%", "exact", "constructed (full-width)"),
    ("１０，０４２万吨", "", 100420000, "吨", "exact", "constructed (full-width thousands separator)"),
    ("５％－６％", "", 5, "%", "range", 5, 6, "constructed (full-width range)"),
    ("１２个", "", 12, "个", "exact", "constructed (full-width)"),
    ("12.4萬(wàn)戶", "", 124000, "户", "exact", "constructed (pinyin artefact inside)"),
    ("8.7萬畝(mǔ)", "", 87000, "亩", "exact", "constructed (pinyin artefact at the end)"),
    ("21個百分點(diǎn)", "", 21, "百分点", "exact", "constructed (pinyin artefact)"),
    ("500億元", "總產(chǎn)值突破(pò)", 50000000000, "元", "more_than", "constructed (artefact in before)"),
    # fractions, halves, Latin units, lists sharing a bound word
    ("三分之一", "", 33.33, "%", "exact", "constructed (Chinese fraction, rounded to 0.01)"),
    ("四分之三以上", "", 75, "%", "at_least", "constructed (Chinese fraction)"),
    ("1/8", "", 12.5, "%", "exact", "constructed (terminating fraction kept exact)"),
    ("一半以上", "", 50, "%", "at_least", "constructed"),
    ("4800PF", "", 4800, "PF", "exact", "constructed (Latin unit)"),
    ("50万TEU", "", 500000, "TEU", "exact", "constructed (Latin unit)"),
    ("20%", "分别超过10%、15%和", 20, "%", "more_than", "constructed (bound word over a list)"),
    ("6%", "分别增长5%和", 6, "%", "exact", "constructed (no bound word)"),
    ("30亿元", "将近", 3000000000, "元", "approx", "constructed (将近)"),
    ("5万千瓦及以上", "", 50000, "千瓦", "at_least", "constructed (及以上)"),
    ("万支", "参赛队伍上", 10000, "支", "at_least", "constructed (上 + one magnitude character)"),
    ("百条", "集装箱航线突破", 100, "条", "more_than", "constructed (bound word + one magnitude character)"),
    ("500亿斤", "粮食产量跃上", 50000000000, "斤", "at_least", "constructed (跃上)"),
    ("1万台（套）以上", "", 10000, "台", "at_least", "constructed (alternative unit in brackets)"),
    ("6万亿元", "迈上", 6000000000000, "元", "exact", "constructed (迈上 is not a bound word)"),
]
CASES = REAL_CASES + CONSTRUCTED_CASES


def _ids(cases):
    return [f"{c[0]}|{c[1]}" for c in cases]


def test_table_size_and_sources():
    assert len(CASES) >= 150
    real = [c for c in CASES if not c[-1].startswith("constructed")]
    assert len(real) > len(CASES) / 2
    assert all(c[-1].startswith(("seeds/", "reports-2026/", "national-reports/")) for c in real)
    # the sources name real surfaces
    assert any(any(ch in c[0] for ch in "萬億個戶畝噸臺處場") for c in real)     # traditional
    assert any("％" in c[0] for c in real)


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_reading(case):
    span, before, value, unit, qualifier = case[:5]
    q = read_quantity(span, before)
    assert q.value == value
    assert type(q.value) is type(value)          # int when whole, float otherwise
    assert q.unit == unit
    assert q.qualifier == qualifier
    if qualifier == "range":
        low, high = case[5], case[6]
        assert (q.low, q.high) == (low, high)
        assert q.value == q.low
        assert q.to_dict() == {"value": low, "unit": unit, "qualifier": "range",
                               "low": low, "high": high}
    else:
        assert q.low is None and q.high is None
        assert q.to_dict() == {"value": value, "unit": unit, "qualifier": qualifier}


@pytest.mark.parametrize("case", REAL_CASES, ids=_ids(REAL_CASES))
def test_real_surface_occurs_in_source(case):
    span, before, source = case[0], case[1], case[-1]
    path = SHARED / source.split(" line ")[0]
    if not path.exists():
        pytest.skip("shared/ not available")
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines[int(source.split(" line ")[1]) - 1]
    assert (before + span) in line


# --------------------------------------------------------------------------- labels, dicts
@pytest.mark.parametrize("span,label", [
    ("74.3%", "PERCENT"), ("2个百分点", "PERCENT"), ("3‰", "PERCENT"), ("七成", "PERCENT"),
    ("百分之七", "PERCENT"), ("5%-6%", "PERCENT"), ("11.73亿元", "AMOUNT"), ("9个", "AMOUNT"),
    ("53倍", "AMOUNT"), ("一番", "AMOUNT"), ("7位", "AMOUNT"), ("1.2億斤", "AMOUNT"),
])
def test_label(span, label):
    assert read_quantity(span).label == label


def test_exact_decimal_arithmetic():
    q = read_quantity("11.73亿元")
    assert q.value == 1173000000 and isinstance(q.value, int)
    assert read_quantity("0.28个百分点").value == 0.28
    assert read_quantity("1.1万亿元").value == 1100000000000
    assert read_quantity("3.3公里").value == 3.3


def test_quantity_is_frozen_and_checked():
    q = read_quantity("9个")
    with pytest.raises(Exception):
        q.value = 10
    assert q.qualifier in QUALIFIERS
    with pytest.raises(ValueError):
        Quantity(1, "个", "roughly")


# --------------------------------------------------------------------------- errors
@pytest.mark.parametrize("span", [
    "2026", "6.8级", "千亿级", "abc", "", "万元", "亿元", "   ", "十三", "5G", "达到5%", "%", "个", "十四五",
    "5%-", "5个-6%", "第七", "2026-02-03", "百分之", "T800", "6号线", "数百家",
])
def test_not_a_quantity(span):
    with pytest.raises(QuantityError) as err:
        read_quantity(span)
    assert str(err.value)            # the message says why


def test_error_is_value_error():
    assert issubclass(QuantityError, ValueError)
    with pytest.raises(ValueError, match="unit"):
        read_quantity("2026")
    with pytest.raises(ValueError, match="number"):
        read_quantity("abc")


# --------------------------------------------------------------------------- properties
_UNITS = ["元", "美元", "户", "个", "家", "公里", "千瓦时", "%", "百分点", "‰", "倍", "人次",
          "平方米", "吨", "亩", "项", "千瓦", "标准箱", "吨标准煤", "辆", "所", "款"]
# 千 as a magnitude is unambiguous only where 千+unit is not itself a unit
_NOT_AFTER_QIAN = {"千瓦时", "千瓦", "%", "‰", "百分点"}
_MAGS = {"": 1, "万": 10 ** 4, "亿": 10 ** 8, "万亿": 10 ** 12, "千": 10 ** 3}


def _number_strategy():
    return st.one_of(
        st.integers(min_value=0, max_value=10 ** 9).map(str),
        st.tuples(st.integers(min_value=0, max_value=99999), st.integers(min_value=1, max_value=4))
        .flatmap(lambda t: st.integers(min_value=0, max_value=10 ** t[1] - 1)
                 .map(lambda f, t=t: f"{t[0]}.{f:0{t[1]}d}")),
    )


@settings(max_examples=400, deadline=None)
@given(num=_number_strategy(), mag=st.sampled_from(sorted(_MAGS)), unit=st.sampled_from(_UNITS),
       ge=st.booleans())
def test_roundtrip_value(num, mag, unit, ge):
    if mag == "千" and unit in _NOT_AFTER_QIAN:
        mag = ""
    written_unit = ("个" + unit) if (ge and unit == "百分点") else unit
    q = read_quantity(num + mag + written_unit)
    expected = Decimal(num) * _MAGS[mag]
    assert Decimal(str(q.value)) == expected
    assert isinstance(q.value, int) == (expected == expected.to_integral_value())
    assert q.unit == unit
    assert q.qualifier == "exact"


_PREFIX = {"": None, "近": "approx", "约": "approx", "逾": "more_than", "超": "more_than"}
_SUFFIX = {"": None, "以上": "at_least", "以下": "at_most", "以内": "at_most", "左右": "approx"}
_INNER = {"": None, "余": "more_than", "多": "more_than"}


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=1, max_value=99999), pre=st.sampled_from(sorted(_PREFIX)),
       inner=st.sampled_from(sorted(_INNER)), suf=st.sampled_from(sorted(_SUFFIX)),
       mag=st.sampled_from(["", "万", "亿"]), unit=st.sampled_from(["元", "个", "人次", "吨"]))
def test_qualifier_last_mark_wins(n, pre, inner, suf, mag, unit):
    q = read_quantity(f"{pre}{n}{inner}{mag}{unit}{suf}")
    marks = [m for m in (_PREFIX[pre], _INNER[inner], _SUFFIX[suf]) if m]
    assert q.qualifier == (marks[-1] if marks else "exact")
    assert q.value == n * {"": 1, "万": 10 ** 4, "亿": 10 ** 8}[mag]


@settings(max_examples=200, deadline=None)
@given(a=st.integers(min_value=0, max_value=999), b=st.integers(min_value=0, max_value=999),
       sep=st.sampled_from(["-", "—", "～", "~", "至", "到"]), unit=st.sampled_from(["%", "个百分点", "家", "万元"]))
def test_range_roundtrip(a, b, sep, unit):
    q = read_quantity(f"{a}{sep}{b}{unit}")
    scale = 10 ** 4 if unit == "万元" else 1
    assert q.qualifier == "range"
    assert (q.low, q.high) == (min(a, b) * scale, max(a, b) * scale)
    assert q.value == q.low


# --------------------------------------------------------------------------- cn2an agreement
PLAIN_NUMERALS = [
    "一", "两", "十", "十一", "十三", "二十", "二十五", "一百", "一百零五", "一百一十",
    "一百一十五", "两百", "两千三百", "三千零五十", "九千九百九十九", "一万", "一万零一",
    "一万五千", "十万", "三十万", "一百万", "一千万", "一亿", "一亿零五", "十二亿",
    "三千五百万", "五万亿", "二〇二六", "一九九八", "零", "三点五", "十二点五",
    "一百点零一", "三千五", "一万五", "两百五", "四十二万三千", "九亿八千万", "七千零八万",
    "十五万六千七百八十九", "六点零二", "零点五", "九十九万九千九百九十九",
    "一千二百三十四万五千六百七十八",
]


@pytest.mark.parametrize("numeral", PLAIN_NUMERALS)
def test_agrees_with_cn2an(numeral):
    cn2an = pytest.importorskip("cn2an")
    assert len(PLAIN_NUMERALS) >= 30
    expected = cn2an.cn2an(numeral, "smart")
    assert read_quantity(numeral + "个").value == expected


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=0, max_value=10 ** 13))
def test_cn2an_an2cn_roundtrip(n):
    cn2an = pytest.importorskip("cn2an")
    numeral = cn2an.an2cn(n)
    assert read_quantity(numeral + "个").value == n


# --------------------------------------------------------------------------- robustness
_FUZZ_ALPHABET = list("0123456789.,-—~至到%％‰万亿千百十一二两三四五六七八九零〇点余多近约逾超"
                      "以上下内左右个元户公里瓦时百分点成倍番位年月日第号/()āū萬億個戶 ，、G+")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_FUZZ_ALPHABET, max_size=12), st.text(alphabet=_FUZZ_ALPHABET, max_size=6))
def test_any_string_reads_or_raises_quantity_error(span, before):
    try:
        q = read_quantity(span, before)
    except QuantityError:
        return
    assert q.qualifier in QUALIFIERS
    assert isinstance(q.unit, str) and isinstance(q.value, (int, float))
    assert q.unit or q.label == "AMOUNT"  # only a bare magnitude (70万) has no unit
    if q.qualifier == "range":
        assert q.low <= q.high and q.value == q.low


# --------------------------------------------------------------------------- list context
@pytest.mark.parametrize("span,before,after,expected", [
    # 湖南省 line 23: 近 belongs to 千亿; the next item counts counties (a different unit)
    ("4个", "新增1个经济总量近千亿、", "过五百亿的县市", (4, "个", "exact")),
    # the bound word still reaches like items
    ("85％", "普及率超过98％、", "", (85, "%", "more_than")),
    ("3000亿元", "分别突破300亿元和", "", (300000000000, "元", "more_than")),
    # 山西省 line 34: a list shares its last unit, 个百分点
    ("3.4个", "消费增速分别快于全国", "、1个百分点", (3.4, "百分点", "exact")),
    ("3.4个", "消费增速分别快于全国", "，1个项目", (3.4, "个", "exact")),
    # national-2015 line 28: a bare first number of the pair, the unit once after the last
    ("4.2", "贷款增速比各项贷款平均增速分别高", "和0.7个百分点", (4.2, "百分点", "exact")),
])
def test_list_context(span, before, after, expected):
    q = read_quantity(span, before, after)
    assert (q.value, q.unit, q.qualifier) == expected
    assert q.label == ("PERCENT" if expected[1] == "百分点" or expected[1] == "%" else "AMOUNT")


@pytest.mark.parametrize("span,before,expected", [
    ("30万以上", "全省", (300000, "", "at_least")),                  # 浙江: 以上 is a mark, not a unit
    ("28.5微克每立方米", "浓度", (28.5, "微克/立方米", "exact")),      # 四川: 每 written for /
    ("160Eflops", "算力规模突破", (160, "Eflops", "more_than")),      # 贵州
    # 海南: the list's bound word is 10 characters before the second item
    ("1.4万亿元", "余额分别突破1.5万亿元、", (1400000000000, "元", "more_than")),
])
def test_units_marks_and_long_list_context(span, before, expected):
    q = read_quantity(span, before[-BEFORE_CHARS:])
    assert (q.value, q.unit, q.qualifier) == expected


@pytest.mark.parametrize("span,value", [
    ("四亿零七百多万吨", 407000000), ("七亿七千多万吨", 770000000), ("一亿一千四百多万吨", 114000000),
    ("七亿七千万吨", 770000000), ("二十六亿六千万", 2660000000), ("三亿多吨", 300000000),
])
def test_a_wan_after_yi_scales_only_the_part_below_yi(span, value):
    """1985 report: 七亿七千多万吨 is 7亿 + 7千万 (not (7亿 + 7千) × 万)."""
    assert read_quantity(span).value == value


def test_percent_range_in_words_shares_its_unit():
    """1993 report: 百分之八至九 is one range span, 8..9 %."""
    q = read_quantity("百分之八至九")
    assert (q.value, q.unit, q.qualifier, q.low, q.high) == (8, "%", "range", 8, 9)
    from policy_ie.quantities import find_quantities
    text = "平均每年增长百分之八至九，"
    assert [text[s:e] for s, e, _ in find_quantities(text)] == ["百分之八至九"]


def test_qianfendian_is_a_percent_unit_the_validator_accepts():
    from policy_ie.corpus.validate import check_record
    q = read_quantity("5个千分点")
    assert (q.unit, q.label) == ("千分点", "PERCENT")
    rec = {"text": "下降5个千分点", "entities": [{"start": 2, "end": 7, "label": "PERCENT", "text": "5个千分点",
                                                "value": 5, "unit": "千分点", "qualifier": "exact"}], "relations": []}
    assert check_record(rec) == []


def test_yi_ji_is_at_least():
    """2019 report: 受癌症困扰的家庭以千万计 → (10000000, "", at_least)."""
    from policy_ie.quantities import read_quantity_at
    text = "受癌症困扰的家庭以千万计。"
    q = read_quantity_at(text, 9, 11)
    assert (q.value, q.unit, q.qualifier) == (10000000, "", "at_least")


def test_wan_duo_yi():
    """2016 report: 4万多亿元 is 4万亿元 with 多 inside it."""
    q = read_quantity("4万多亿元")
    assert (q.value, q.unit, q.qualifier) == (4000000000000, "元", "more_than")
    from policy_ie.quantities import find_quantities
    assert [s[a:b] for s in ["收入4万多亿元，"] for a, b, _ in find_quantities(s)] == ["4万多亿元"]


@pytest.mark.parametrize("text, span, value, unit, qualifier", [
    ("共有3千多万人受益", "3千多万人", 30000000, "人", "more_than"),   # was 3000 '万人'
    ("棚户区居民1万6千多户", "1万6千多户", 16000, "户", "more_than"),   # was 6千多户
    ("新建改建农村公路2万5千公里", "2万5千公里", 25000, "公里", "exact"),
    ("参保人数达到1亿3000万人", "1亿3000万人", 130000000, "人", "exact"),  # was 3000万人
    ("人次增加到1亿3千多万人次", "1亿3千多万人次", 130000000, "人次", "more_than"),
])
def test_arabic_numbers_with_an_inner_magnitude_are_read_whole(text, span, value, unit, qualifier):
    """national-2018: 1万6千多户, 2万5千公里, 1亿3千多万 (a lower part after 万/亿; 千多万)."""
    from policy_ie.quantities import find_readings

    found = [(text[a:b], r.to_dict()) for a, b, r in find_readings(text)]
    assert found == [(span, {"value": value, "unit": unit, "qualifier": qualifier})]
    assert read_quantity("1亿3千多万").to_dict() == {"value": 130000000, "unit": "", "qualifier": "more_than"}
    with pytest.raises(QuantityError):
        read_quantity("1.2万3千个")  # a decimal upper part takes no lower part


@pytest.mark.parametrize("span,low,high,unit", [("四、五十亿元", 4000000000, 5000000000, "元"), ("三、四个", 3, 4, "个")])
def test_neighbouring_digits_joined_by_dun_are_a_range(span, low, high, unit):
    """1983 report: 每年就减少国家财政收入四、五十亿元."""
    q = read_quantity(span)
    assert (q.qualifier, q.low, q.high, q.unit) == ("range", low, high, unit)
    from policy_ie.quantities import find_quantities
    text = f"减少{span}，一、二、三产业"
    assert [text[s:e] for s, e, _ in find_quantities(text)] == [span]


def test_middle_dot_between_digits_is_a_decimal_point():
    """1999 report: 全社会固定资产投资增长14·1％."""
    from policy_ie.quantities import find_quantities
    assert read_quantity("19·5％").value == 19.5
    text = "投资增长14·1％，荣光红·幸福院"
    assert [text[s:e] for s, e, _ in find_quantities(text)] == ["14·1％"]


def test_zhishao_and_a_half():
    """1960 report: 争取每人平均至少一千五百斤粮食; 平均每户一头半."""
    from policy_ie.quantities import read_quantity_at
    text = "争取每人平均至少一千五百斤粮食"
    assert read_quantity_at(text, 8, 13).qualifier == "at_least"
    q = read_quantity("一头半")
    assert (q.value, q.unit) == (1.5, "头")


@pytest.mark.parametrize("text, span, low, high, unit", [
    ("减少百分之二、三的占用量", "百分之二、三", 2, 3, "%"),                # national-1981: was 百分之二
    ("商品粮增加两、三倍", "两、三倍", 2, 3, "倍"),                          # national-1978: was 三倍
    ("增加二、三百亿度", "二、三百亿度", 20000000000, 30000000000, "度"),  # national-1979: was 三百亿度
    ("增产二、三十亿斤", "二、三十亿斤", 2000000000, 3000000000, "斤"),    # national-1955
])
def test_neighbouring_digits_joined_by_dun_after_baifenzhi_liang_and_er(text, span, low, high, unit):
    from policy_ie.quantities import find_readings

    assert [(text[a:b], r.low, r.high, r.unit) for a, b, r in find_readings(text)] == [(span, low, high, unit)]
    assert [text[a:b] for a, b, _ in find_readings("二次供水设施")] == []     # a lone 二 stays out


@pytest.mark.parametrize("span, low, high", [
    ("二百至三百亿度", 2 * 10 ** 10, 3 * 10 ** 10),   # the first end takes the second's 万/亿, not its 百
    ("五十至一百万人", 500000, 1000000),
    ("2-3百万元", 2000000, 3000000), ("5-10万元", 50000, 100000), ("500万至1亿元", 5000000, 100000000),
])
def test_a_range_end_without_its_magnitude_takes_the_other_ends(span, low, high):
    q = read_quantity(span)
    assert (q.low, q.high) == (low, high)


def test_yishang_before_a_count_means_the_above_not_a_bound():
    """national-1981: 以上十项经济建设方针 (the ten above), not 上十 (at least ten)."""
    from policy_ie.quantities import find_readings

    text = "以上十项经济建设方针"
    assert [(text[a:b], r.qualifier) for a, b, r in find_readings(text)] == [("十项", "exact")]
    assert read_quantity("万种", before="上").qualifier == "at_least"  # 上万种 stays a bound
