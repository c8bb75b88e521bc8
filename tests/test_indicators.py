"""Indicator names and links (issue #19): the table, the rules, the component, the result columns, compare."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.tokens import Span

import policy_ie
from policy_ie.components.indicator_linker import IndicatorLinker
from policy_ie.components.sentencizer import policy_ie_sentencizer
from policy_ie.indicators import (COLUMNS, TABLE, IndicatorTable, TableError, default_table, indicator_name,
                                  load_table, read_table, restore_list_heads)
from policy_ie.pipeline import blank
from policy_ie.schema import RECORD_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
HEADER = ",".join(COLUMNS)


def _names(*texts):
    t = default_table()
    return restore_list_heads([indicator_name(x) for x in texts], t.link)


def test_shipped_table_reads_and_has_one_id_per_alias():
    table = default_table()
    assert len(table) == 244 and table.rows["gdp"].name_zh == "国内生产总值"
    assert len(table.index) > len(table)


@pytest.mark.parametrize("surface", ["经济增长", "经济增速", "GDP增速", "地区生产总值", "国内生产总值", "全省地区生产总值",
                                     "經濟增長", "2025年全市生产总值", "ＧＤＰ"])
def test_growth_and_level_words_link_to_gdp(surface):
    assert default_table().link(indicator_name(surface)) == "gdp"


@pytest.mark.parametrize("surface, name, indicator", [
    ("全市城镇新增就业", "城镇新增就业", "urban_new_jobs"),
    ("新增高新技术企业", "新增高新技术企业", "high_tech_enterprises"),           # increment of a count
    ("规模以上工业增加值增速", "规模以上工业增加值增速", "industrial_value_added_above_designated_size"),
    ("“专精特新”企业", "专精特新企业", "specialised_innovative_smes"),          # quotes dropped
    ("郑州机场年货邮吞吐量", "机场货邮吞吐量", "airport_cargo_throughput"),      # named airport, 年
    ("宁波舟山港集装箱吞吐量", "集装箱吞吐量", "port_container_throughput"),     # named port
    ("居民储蓄存款余额", "居民储蓄存款余额", "household_savings"),
    ("重大项目", "重大项目", None),                                            # no row: null
    ("汽车保有量", "汽车保有量", None),                                        # not 新能源汽车保有量
    ("投资", "投资", None),                                                    # ambiguous bare surface
])
def test_names_and_links(surface, name, indicator):
    got = indicator_name(surface)
    assert got == name
    assert default_table().link(got) == indicator


@pytest.mark.parametrize("surface, name, indicator", [
    ("物价涨幅要", "物价涨幅", "cpi"),                                          # a particle the span ran on into
    ("农村贫困人口减少", "农村贫困人口", "rural_poor_population"),               # a verb of change
    ("中央预算内投资拟安排", "中央预算内投资", "central_budget_investment"),
    ("平均期望寿命已经", "平均期望寿命", "life_expectancy"),                     # 期望寿命 = 预期寿命
    ("赤字规模比上年预算减少", "赤字规模", "fiscal_deficit"),                   # a comparison
    ("主要", "主要", None), ("副国级以上外国政要", "副国级以上外国政要", None),  # 要 of a word stays
    ("公共", "公共", None),
    ("拟发行超长期特别国债", "超长期特别国债", "ultra_long_special_treasury_bonds"),   # a verb of a plan at its start
    ("拟安排长期建设国债", "长期建设国债", "long_term_construction_bonds"),
    ("安排地方专项债券", "地方专项债券", "local_government_special_bonds"),
    ("城乡居民储蓄存款年末", "城乡居民储蓄存款", "household_savings"),           # a time word at its end
    ("固定资产投资调控目标", "固定资产投资", "fixed_asset_investment"),           # a plan word
    ("单位国内生产总值能耗比", "单位国内生产总值能耗", "energy_intensity"),       # 比(上年下降…)
    ("居民消费价格总水平比", "居民消费价格总水平", "cpi"),
    ("研发经费投入与国内生产总值之比", "研发经费投入与国内生产总值之比", "rd_intensity"),  # 之比, 占比 stay
    ("服务业增加值占比", "服务业增加值占比", "tertiary_industry_share"),
    ("工业增加值同比", "工业增加值同比", None), ("国际可比", "国际可比", None),
    ("中央财政赤字预算拟安排", "中央财政赤字", "central_fiscal_deficit"),         # 赤字预算
    ("粮食的指标", "粮食", "grain_output"), ("主要指标", "主要指标", None),           # 的指标; 指标 of a name stays
    ("工人职员的平均工资以货币计算", "工人职员的平均工资", "average_wage"),           # how it is measured
    ("规定工业总产值", "工业总产值", "gross_output_industry"),                         # a plan's verb (1955)
    ("地级及以上城市细颗粒物(PM2.5)平均浓度", "细颗粒物(PM2.5)平均浓度", "pm25_concentration"),  # a scope (round 9)
    ("我国人口", "人口", "resident_population"),                                 # a scope word
    ("居民储蓄存款新增", "居民储蓄存款", "household_savings"),
    ("财政赤字合计", "财政赤字", "fiscal_deficit"),
    ("社会商品零售总额扣除价格", "社会商品零售总额", "retail_sales_of_commodities"),
    ("工业总产值计划", "工业总产值", "gross_output_industry"),                     # a plan word (1980)
    ("吸收外商直接投资", "外商直接投资", "fdi_actually_used"), ("吸收外资", "外资", None),   # a leading 吸收
    ("全国职工年平均工资", "职工年平均工资", "average_wage"),
    ("城乡居民按人口平均的消费水平计划", "城乡居民按人口平均的消费水平", "household_consumption_level"),
])
def test_spans_that_ran_on_are_cut(surface, name, indicator):
    assert indicator_name(surface) == name
    assert default_table().link(name) == indicator


@pytest.mark.parametrize("name, indicator", [
    ("铁路营运里程", "railway_length"), ("高铁营运里程", "high_speed_railway_length"),   # 营运/运营 = 营业
    ("研究与试验发展经费支出占国内生产总值的比重", "rd_intensity"),                     # any share-of-GDP wording
    ("全社会研发投入占GDP比例", "rd_intensity"),
    ("外商直接投资实际金额", "fdi_actually_used"),                                      # 金额 restates money
    ("治理水土流失面积", "soil_erosion_control_area"),                                  # 面积 of a row in 亩/公顷/平方公里
    ("粮食面积", None),                                                                 # not of a row in 吨
    ("城乡居民人民币储蓄存款余额", "household_savings"),                                # a currency word
    ("全社会消费品零售总额", "retail_sales"), ("全社会研发经费", "rd_expenditure"),     # leading qualifiers
    ("年末总人口", "resident_population"),
    ("全社会用电量", None),
    ("平均每年城镇新增就业", "urban_new_jobs"),                                         # 平均每年
    ("和社会融资规模余额", "aggregate_financing"),                                     # a joiner a cut span starts with
    ("和美乡村", None), ("与国内高水平大学合作数量", None),                             # … dropped only when the rest links
    ("工业企业实现利润", "industrial_profits_above_designated_size"),                     # 实现
    ("企业退休人员基本养老金水平", "enterprise_retiree_pension"),                         # 水平/标准 of a row's value
    ("企业退休人员基本养老金标准", "enterprise_retiree_pension"),
    ("农民按人口平均的纯收入", "rural_per_capita_net_income"),                         # 按人口平均 = 人均
    ("平均每个农民的纯收入", "rural_per_capita_net_income"),                           # 平均每个农民 = 农民人均
    ("平均每个学生的经费", None),                                                       # … only of the members listed
    ("人口增长率", "natural_population_growth_rate"), ("人口", "resident_population"),   # round 6: old wordings
    ("国家预算收入", "fiscal_revenue"), ("职工年平均工资", "average_wage"),
    ("使钢产量", "steel_output"), ("了钢产量", "steel_output"), ("有粮食", "grain_output"),   # round 7: words a
    ("但粮食增产", "grain_output"), ("棉花增产", "cotton_output"), ("共有人口", "resident_population"),  # span ran on
    ("期间工业总产值", "gross_output_industry"), ("工业总产值仍然", "gross_output_industry"),         # into (1954–75)
    ("有效灌溉面积", "effective_irrigated_area"), ("有机农产品", None), ("但书", None),   # … only when the rest links
    ("工业和手工业总产值", "gross_output_industry"), ("石油", "crude_oil_output"),         # old wordings
    ("煤产量", "raw_coal_output"), ("电力", "electricity_output"), ("铁路正线的通车里程", "railway_length"),
    ("钢增产", "steel_output"), ("新增加的发电设备能力", "installed_power_capacity"),   # round 8 (1955–58)
    ("农业及其副业的总产值", "gross_output_agriculture"), ("农业和农副业总产值", "gross_output_agriculture"),
    ("工业生产总值", "gross_output_industry"), ("工业农业总产值", "gross_output_industry_agriculture"),
    ("社会零售总额", "retail_sales_of_commodities"), ("各项税收", "tax_revenue"),
    ("耕地总面积", "cultivated_land_area"), ("农作物播种总面积", "crop_sown_area"),        # 总面积 = 面积
    ("灌溉总面积", None),                                                             # bare 灌溉面积 is no alias
    ("公共财政收入", "general_public_budget_revenue"), ("中央财政预算赤字", "central_fiscal_deficit"),  # round 9
    ("城市职工家庭平均每人全年可用于生活费的收入", "urban_per_capita_disposable_income"),  # 人均全年 = 人均
    ("单位国内生产总值能耗降幅", "energy_intensity"), ("农业产值", "gross_output_agriculture"),
    ("可再生能源新增装机", "renewable_power_capacity"), ("境内外新增上市公司", None),   # inner 新增 of a level only
    ("城镇居民家庭平均每人可用于生活费的收入", "urban_per_capita_disposable_income"),      # round 10: 居民家庭人均
    ("农村居民家庭人均纯收入", "rural_per_capita_net_income"), ("城镇职工家庭人均收入", "urban_per_capita_disposable_income"),
    ("农村建成住宅", "rural_housing_completed"), ("城镇建成住宅", "urban_housing_completed"),  # 建成住宅 = 新建住宅
    ("建成", None), ("家庭人均", None), ("耕種收綜合機械化率", "farm_mechanization_rate"),
    ("调查失业率", None),  # no alias: only a test document writes it bare (policy_ie/data/README.md, "Held-out honesty")
])
def test_link_fallbacks(name, indicator):
    assert default_table().link(name) == indicator


@pytest.mark.parametrize("name, before, after, unit, expected", [
    ("社会固定资产投资", "五年全", "累计完成近", "元", ("全社会固定资产投资", "fixed_asset_investment")),  # cut word
    ("源占一次能源消费比重", "非化石能", "提高到", "%", ("非化石能源占一次能源消费比重", "non_fossil_energy_share")),
    ("基本养老金", "企业退休人员", "继续提高", "%", ("企业退休人员基本养老金", "enterprise_retiree_pension")),
    ("产量", "", "均突破", "吨", ("产量", None)),                 # an ambiguous bare surface stays null
    ("居民人均可支配收入", "城镇和农村", "分别", "元", ("居民人均可支配收入", "per_capita_disposable_income")),
    ("居民收入", "城镇和农村", "分别", "元", ("居民收入", "per_capita_disposable_income")),
    ("高速公路", "", "增加", "公里", ("高速公路", "expressway_length")),  # a length: 高速公路里程
    ("高速公路", "", "建成通车", "条", ("高速公路", None)),
    ("农村公路", "", "", "公里", ("农村公路", None)),                    # no 农村公路里程 row
    ("高技术制造业", "", "年均增长", "%", ("高技术制造业", "high_tech_manufacturing_value_added")),
    ("高技术制造业", "", "投资增长", "%", ("高技术制造业", None)),
    ("人口", "全国", "的", "%", ("人口", None)),                            # the base of a share
    ("城镇化率", "", "的", "%", ("城镇化率", "urbanization_rate")),       # a rate is no base
    ("钢", "", "完成", "%", ("钢", None)),                                    # a plan fulfilled, not a change
    ("农业和农副业总产值", "", "只完成年度计划的", "%", ("农业和农副业总产值", None)),
    ("钢", "", "增长", "%", ("钢", "steel_output")),
    ("钢", "", "完成", "吨", ("钢", "steel_output")),
    ("现代工业", "", "增长了", "%", ("现代工业", "gross_output_industry")),     # gross output before value added
    ("轻工业", "", "增长", "%", ("轻工业", "gross_output_light_industry")),
    ("耕地", "", "", "亩", ("耕地", "cultivated_land_area")),                   # an area: 耕地面积
    ("耕地", "", "", "个", ("耕地", None)),
    ("财政性教育经费支出占国内生产总值", "", "的", "%",                           # a share of GDP cut before 的
     ("财政性教育经费支出占国内生产总值", "education_expenditure_to_gdp")),
])
def test_links_in_context(name, before, after, unit, expected):
    table = default_table()
    assert table.link_in_context(name, before, after, unit) == expected
    assert table.link_in_context("产量", "肉蛋奶和蔬菜", "", "吨") == ("产量", None)  # list item


def test_a_cut_span_is_named_anew_with_the_words_before_it():
    """经济增长速度的 + 调控目标: the plan word is dropped from the whole phrase, not from the span alone."""
    table = default_table()
    name = indicator_name("调控目标")
    assert table.link_in_context(name, "经济增长速度的", "定为", "%") == (name, None)
    assert table.link_in_context(name, "经济增长速度的", "定为", "%", text="调控目标") == ("经济增长速度的", "gdp")


@pytest.mark.parametrize("name, indicator", [
    ("公路通车里程", "highway_length"), ("新增公路通车里程", "highway_length"), ("农村公路总里程", None),
    ("规上工业企业利润", "industrial_profits_above_designated_size"), ("工业企业利润", "industrial_profits_above_designated_size"),
    ("规上民营工业企业利润", None), ("企业利润", None),                              # another series; bare
    ("服务业增加值占地区生产总值比重", "tertiary_industry_share"), ("服务业比重", "tertiary_industry_share"),
    ("现代服务业增加值比重", None),
    ("贫困发生率", "poverty_incidence"), ("人口自然增长率", "natural_population_growth_rate"),
    ("基本养老保险参保", "basic_pension_insurance_participants"), ("基本医保参保人数", "basic_medical_insurance_participants"),
    ("煤炭消费比重", "coal_consumption_share"), ("清洁能源消费比重", "clean_energy_consumption_share"),
    ("清洁能源装机占比", None),
    ("国内有效发明专利拥有量", "valid_invention_patents"), ("授予专利权", "patents_granted"),
    ("城镇人均居住面积", "urban_per_capita_living_space"), ("城镇居民人均住房建筑面积", "urban_per_capita_housing_floor_space"),
    ("森林蓄积量", "forest_stock_volume"), ("新增高效节水灌溉面积", "efficient_water_saving_irrigation_area"),
    ("财政性教育经费投入", "fiscal_education_expenditure"), ("财政性教育经费支出占GDP比例", "education_expenditure_to_gdp"),
    ("消费贡献率", "consumption_contribution_to_growth"), ("出境旅游人次", "outbound_trips"),
    ("新增减税降费", "tax_and_fee_cuts"), ("减税降费及退税", None), ("快递业务量", "express_delivery_volume"),
    ("居民消费价格总水平上涨幅度", "cpi"),                                          # a growth word at its end
])
def test_rows_of_standard_series(name, indicator):
    assert default_table().link(name) == indicator


def test_shared_list_heads_are_restored():
    assert _names("第一", "第三产业增加值") == ["第一产业增加值", "第三产业增加值"]
    assert _names("基本养老保险", "基本医疗保险参保率") == ["基本养老保险参保率", "基本医疗保险参保率"]
    assert _names("金融业", "软件和信息技术服务业增加值") == ["金融业增加值", "软件和信息技术服务业增加值"]
    assert _names("二氧化硫", "氮氧化物排放量") == ["二氧化硫排放量", "氮氧化物排放量"]
    assert _names("生产安全事故起数", "死亡人数") == ["生产安全事故起数", "生产安全事故死亡人数"]  # shared modifier
    assert _names("地区生产总值", "一般公共预算收入") == ["地区生产总值", "一般公共预算收入"]  # complete names stay


def _table_file(tmp_path, rows, name="mine.csv", header=HEADER):
    path = tmp_path / name
    path.write_text("\n".join([header] + rows) + "\n", encoding="utf-8")
    return path


def test_user_tables_add_rows_and_aliases(tmp_path):
    mine = _table_file(tmp_path, ["gdp,,,,,本地经济总产出,", "night_lights,夜间灯光指数,Night Light Index,rate,%,灯光指数,"])
    table = load_table(None, [mine])
    assert table.link("本地经济总产出") == "gdp" and table.rows["gdp"].name_zh == "国内生产总值"
    assert "地区生产总值" in table.rows["gdp"].aliases  # the shipped aliases stay
    assert table.link("灯光指数增速") == "night_lights" and len(table) == 245


@pytest.mark.parametrize("rows, header, message", [
    (["x,名,N,rate,%,,"], "id,name_zh,name_en", "missing column(s) kind, unit, aliases, notes"),
    (["Bad-Id,名,N,rate,%,,"], HEADER, "mine.csv:2: id 'Bad-Id' is not snake_case ASCII"),
    (["a,名,N,weight,%,,"], HEADER, "kind 'weight' is not one of"),
    (["a,名,N,rate,%,,", "a,名二,N,rate,%,,"], HEADER, "mine.csv:3: id a appears twice"),
])
def test_bad_tables_are_one_line_errors(tmp_path, rows, header, message):
    with pytest.raises(TableError, match=message.replace("(", r"\(").replace(")", r"\)")) as exc:
        read_table(_table_file(tmp_path, rows, header=header))
    assert "\n" not in str(exc.value)


def test_an_alias_under_two_ids_is_refused(tmp_path):
    mine = _table_file(tmp_path, ["my_gdp,我的总产出,,money,元,地区生产总值,"])
    with pytest.raises(TableError, match="stands under two ids, gdp and my_gdp"):
        load_table(None, [mine])


def test_unreadable_tables(tmp_path):
    with pytest.raises(TableError, match="cannot read the indicator table"):
        read_table(tmp_path / "missing.csv")
    bad = tmp_path / "gbk.csv"
    bad.write_bytes((HEADER + "\na,名字,,rate,%,,\n").encode("gbk"))
    with pytest.raises(TableError, match="not UTF-8"):
        read_table(bad)


def _doc_with_metrics(text, *metrics):
    nlp = blank()
    doc = nlp.make_doc(text)
    spans = []
    for m in metrics:
        start = text.index(m)
        spans.append(doc.char_span(start, start + len(m), label="METRIC"))
    doc.set_ents(spans)
    return doc


def test_component_names_and_links_every_metric():
    doc = _doc_with_metrics("第一、第三产业增加值分别增长3%和6%，项目完成80个。", "第一", "第三产业增加值", "项目")
    IndicatorLinker()(doc)
    assert [(e.text, e._.indicator_name, e._.indicator) for e in doc.ents] == [
        ("第一", "第一产业增加值", "primary_industry_value_added"),
        ("第三产业增加值", "第三产业增加值", "tertiary_industry_value_added"), ("项目", "项目", None)]
    assert Span(doc, 0, 1)._.indicator is None  # not a METRIC the linker saw


def _doc_with_entities(text, *entities):
    nlp = blank()
    doc = nlp.make_doc(text)
    spans = []
    for m, label in entities:
        start = text.index(m)
        spans.append(doc.char_span(start, start + len(m), label=label))
    doc.set_ents(spans)
    return doc


@pytest.mark.parametrize("sentenced", [True, False])
def test_a_bare_share_of_gdp_is_the_share_of_the_metric_before_it(sentenced):
    doc = _doc_with_entities("全国财政赤字合计9500亿元，占国内生产总值比重在3%以内。研发经费投入增长10%。占国内生产总值比重2%。",
                             ("财政赤字合计", "METRIC"), ("9500亿元", "AMOUNT"), ("占国内生产总值比重", "METRIC"),
                             ("3%以内", "PERCENT"), ("研发经费投入", "METRIC"), ("10%", "PERCENT"))
    second = doc.text.rindex("占国内生产总值比重")
    doc.set_ents(list(doc.ents) + [doc.char_span(second, second + 9, label="METRIC")])
    if sentenced:
        policy_ie_sentencizer(doc)
    IndicatorLinker()(doc)
    links = [(e._.indicator_name, e._.indicator) for e in doc.ents if e.label_ == "METRIC"]
    assert links[:2] == [("财政赤字", "fiscal_deficit"), ("占国内生产总值比重", "deficit_ratio")]
    # in the next sentence the share is not the R&D expenditure's (no sentence boundaries: one sentence)
    assert links[3] == (("占国内生产总值比重", None) if sentenced else ("占国内生产总值比重", "rd_intensity"))


def test_component_reads_the_clause_around_a_metric():
    doc = _doc_with_entities("五年全社会固定资产投资累计完成近10万亿元，高速公路增加4083公里，肉蛋奶、蔬菜产量均突破100万吨，"
                             "基本普及九年义务教育的地区要增加到全国人口的72%。",
                             ("社会固定资产投资", "METRIC"), ("近10万亿元", "AMOUNT"), ("高速公路", "METRIC"),
                             ("4083公里", "AMOUNT"), ("产量", "METRIC"), ("100万吨", "AMOUNT"), ("全国人口", "METRIC"),
                             ("72%", "PERCENT"))
    IndicatorLinker()(doc)
    assert [(e._.indicator_name, e._.indicator) for e in doc.ents if e.label_ == "METRIC"] == [
        ("全社会固定资产投资", "fixed_asset_investment"), ("高速公路", "expressway_length"), ("产量", None),
        ("人口", None)]


def test_people_placed_in_jobs_are_urban_new_jobs():
    text = "在城镇今年安排了四百七十七万人就业，安排了四千二百多万城镇劳动力就业；带动200万人就业，就业10万人。"
    doc = blank().make_doc(text)
    spans, at = [], 0
    for m, label in (("四百七十七万人", "AMOUNT"), ("就业", "METRIC"), ("四千二百多万", "AMOUNT"),
                     ("城镇劳动力就业", "METRIC"), ("200万人", "AMOUNT"), ("就业", "METRIC"), ("就业", "METRIC"),
                     ("10万人", "AMOUNT")):
        at = text.index(m, at)
        spans.append(doc.char_span(at, at + len(m), label=label))
        at += len(m)
    doc.set_ents(spans)
    IndicatorLinker()(doc)
    links = [(e.text, e._.indicator) for e in doc.ents if e.label_ == "METRIC"]
    # placed (安排/安置 before the number right before it): linked; 带动…就业 and a number after it: not
    assert links == [("就业", "urban_new_jobs"), ("城镇劳动力就业", "urban_new_jobs"), ("就业", None), ("就业", None)]


def test_component_carries_users_tables_as_plain_csv(tmp_path):
    mine = _table_file(tmp_path, ["night_lights,夜间灯光指数,Night Light Index,rate,%,灯光指数,"])
    nlp = blank()
    nlp.add_pipe("policy_ie_indicator_linker", config={"extra_tables": [str(mine)]})
    nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "policy_ie_indicator_linker" / "indicators.csv"
    assert saved.is_file() and "night_lights" in saved.read_text(encoding="utf-8")
    mine.unlink()  # the saved pipeline does not need the original file
    loaded = blank()
    loaded.add_pipe("policy_ie_indicator_linker", config={"extra_tables": [str(mine)]})
    loaded.from_disk(tmp_path / "pipeline")
    assert loaded.get_pipe("policy_ie_indicator_linker").table.link("灯光指数") == "night_lights"
    again = IndicatorLinker().from_bytes(nlp.get_pipe("policy_ie_indicator_linker").to_bytes())
    assert again.table.link("灯光指数") == "night_lights" and again.table.link("经济增速") == "gdp"
    shipped = blank()
    shipped.add_pipe("policy_ie_indicator_linker")
    shipped.to_disk(tmp_path / "shipped")  # the shipped table is read from the package, not copied
    assert not (tmp_path / "shipped" / "policy_ie_indicator_linker" / "indicators.csv").exists()


def test_parse_gives_every_metric_a_name_and_an_indicator():
    res = policy_ie.parse("主要预期目标是：地区生产总值增长5%左右，新增就业8000人。")
    metrics = [e for e in res.to_dict()["entities"] if e["label"] == "METRIC"]
    assert metrics and all("name" in e and "indicator" in e for e in metrics)
    assert [(e["name"], e["indicator"]) for e in metrics] == [("地区生产总值", "gdp"), ("新增就业", "urban_new_jobs")]
    assert all("name" not in e for e in res.to_dict()["entities"] if e["label"] != "METRIC")
    rows = res.records("d")
    assert list(rows[0]) == list(RECORD_COLUMNS) and RECORD_COLUMNS[2:5] == ("metric", "name", "indicator")
    assert [(r["name"], r["indicator"]) for r in rows] == [("地区生产总值", "gdp"), ("新增就业", "urban_new_jobs")]


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "policy_ie", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    d = tmp_path_factory.mktemp("reports")
    (d / "甲省.txt").write_text("2025年全省地区生产总值增长5.2%，居民消费价格上涨0.3%。"
                               "2026年主要预期目标是：地区生产总值增长5%左右，居民消费价格涨幅2%左右。", encoding="utf-8")
    (d / "乙市.txt").write_text("全市生产总值达到1.2万亿元、增长4.8%。今年经济增长预期目标为4.5%—5%。", encoding="utf-8")
    return d


def test_compare_writes_one_row_per_document_indicator_and_value(reports, tmp_path):
    out = tmp_path / "gdp.csv"
    p = _cli("compare", str(reports), "--indicators", "gdp,cpi", "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert "2 document(s)" in p.stderr
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["document", "indicator", "name_zh", "name_en", "target", "relation", "value", "unit",
                             "qualifier", "low", "high", "metric", "sentence"]
    got = {(Path(r["document"]).stem, r["indicator"], r["target"], r["relation"], r["value"], r["unit"]) for r in rows}
    assert {("甲省", "gdp", "False", "CHANGE", "5.2", "%"), ("甲省", "gdp", "True", "CHANGE", "5", "%"),
            ("乙市", "gdp", "False", "VALUE", "1200000000000", "元")} <= got
    assert {r["indicator"] for r in rows} <= {"gdp", "cpi"}
    target = next(r for r in rows if Path(r["document"]).stem == "乙市" and r["target"] == "True")
    assert (target["qualifier"], target["low"], target["high"]) == ("range", "4.5", "5")


def test_compare_refuses_unknown_indicators_and_bad_tables(reports, tmp_path):
    p = _cli("compare", str(reports), "--indicators", "gdp,nope", "-o", str(tmp_path / "x.csv"))
    assert p.returncode == 1 and p.stderr.strip().splitlines() == [
        "policy-ie: --indicators: unknown indicator id(s) nope (ids are the first column of "
        "policy_ie/data/indicators.csv)"]
    bad = _table_file(tmp_path, ["Bad,名,,rate,%,,"])
    p = _cli("compare", str(reports), "--extra-table", str(bad), "-o", str(tmp_path / "x.csv"))
    assert p.returncode == 1 and len(p.stderr.strip().splitlines()) == 1 and "is not snake_case" in p.stderr
    assert not (tmp_path / "x.csv").exists()


def test_parse_csv_has_the_name_and_indicator_columns(reports, tmp_path):
    mine = _table_file(tmp_path, ["cpi,,,,,居民消费价格上涨,"])
    p = _cli("parse", str(reports / "甲省.txt"), "--format", "csv", "--extra-table", str(mine))
    assert p.returncode == 0, p.stderr
    rows = list(csv.DictReader(p.stdout.lstrip("\ufeff").splitlines()))
    assert list(rows[0])[:5] == ["document", "sentence", "metric", "name", "indicator"]
    assert ("gdp" in {r["indicator"] for r in rows}) and json.dumps(rows, ensure_ascii=False)


def test_gold_indicator_ids_are_validated_as_such(tmp_path):
    from policy_ie.corpus.validate import validate_paths

    gold = ROOT / "corpus" / "indicators" / "test.jsonl"
    lines = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines()]
    assert all(g["indicator"] is None or g["indicator"] in default_table().rows for g in lines)
    seed = [g for g in lines if g["id"].startswith("seed-002:")][:6]
    seed[1]["indicator"], seed[2]["start"], seed[3]["headline"] = "no_such", seed[2]["start"] + 1, "yes"
    broken = tmp_path / "ids.jsonl"
    broken.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in seed), encoding="utf-8")
    problems = validate_paths([ROOT / "corpus" / "gold" / "seed-002.jsonl", broken])
    assert [p.split(": ", 1)[1] for p in problems] == [
        "indicator 'no_such' is not an id of the indicator table",
        f"no gold METRIC at {seed[2]['id']!r} {seed[2]['start']}-{seed[2]['end']}", "headline must be true or false"]
    # a held-out line (``doc``: offsets into the report file) of a document the corpus later took in
    # is not a gold record's METRIC: it is not checked against the gold spans
    held = dict(seed[2], doc="seed-002", id=f"seed-002:{seed[2]['start']}")
    broken.write_text(json.dumps(held, ensure_ascii=False) + "\n", encoding="utf-8")
    assert validate_paths([ROOT / "corpus" / "gold" / "seed-002.jsonl", broken]) == []


def _heldout_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("indicator_heldout", ROOT / "training" / "indicator_heldout.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_heldout_scorer_counts_wrong_missing_and_headline_links():
    mod = _heldout_module()
    gold = [{"doc": "d", "start": 0, "end": 2, "text": "a", "indicator": "gdp", "headline": True},
            {"doc": "d", "start": 3, "end": 5, "text": "b", "indicator": "cpi", "headline": False},
            {"doc": "d", "start": 6, "end": 8, "text": "c", "indicator": None, "headline": False}]
    res = mod.score(gold, {("d", 0, 2): "gdp", ("d", 6, 8): "cpi"})
    assert (res["linked"], res["accuracy"], res["coverage"], res["headline_coverage"]) == (2, 0.5, 0.5, 1.0)
    assert len(res["errors"]) == 2
    # a link to a row the gold's table lacked counts as null with --ids-from
    res = mod.score(gold, mod.known_ids_only({("d", 0, 2): "gdp", ("d", 6, 8): "new_row"}, {"gdp", "cpi"}))
    assert (res["linked"], res["accuracy"], res["coverage"]) == (1, 1.0, 0.5)


def test_heldout_eras_and_drafts(tmp_path, monkeypatch):
    mod = _heldout_module()
    lines = [{"doc": f"national-{y}"} for y in (1957, 1999, 2000, 2012, 2013, 2024)]
    assert {era: [g["doc"][-4:] for g in gs] for era, gs in mod.by_era(lines).items()} == {
        "before 2000": ["1957", "1999"], "2000-2012": ["2000", "2012"], "2013 on": ["2013", "2024"]}
    with pytest.raises(SystemExit, match="corpus document"):
        mod.draft(["2019"], nlp=None)  # national-2019 is gold already
    with pytest.raises(SystemExit, match="corpus document"):
        mod.draft(["1964"], nlp=None)  # every shared national report is in the corpus since its fourth batch
    if not (mod.REPORTS / "1964.txt").is_file():
        pytest.skip("../shared/national-reports not here")
    text = (mod.REPORTS / "1964.txt").read_text(encoding="utf-8")
    (tmp_path / "1963.txt").write_text(text, encoding="utf-8")  # a report outside the corpus
    monkeypatch.setattr(mod, "REPORTS", tmp_path)
    drafted = mod.draft(["1963"], policy_ie.load())
    assert drafted and all(text[g["start"]:g["end"]] == g["text"] and g["text"] in g["sentence"]
                           and g["indicator"] is None and g["headline"] is False for g in drafted)
    assert any(v.endswith((" VALUE", " CHANGE")) for g in drafted for v in g["values"])
