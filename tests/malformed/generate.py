import json, os, re, subprocess
base = open('src/source/template.toml', encoding='utf-8').read()
out = 'tests/malformed'
cases = []  # (filename, bytes, expected fragment)

def t(name, old, new, expect, count=1):
    assert old in base, (name, old)
    cases.append((name + '.toml', base.replace(old, new, count).encode('utf-8'), expect))

t('01_unknown_field', 'title = "示例区', 'titel = "示例区', '01_unknown_field.toml:19:1: unknown field `titel`, expected one of `title`')
t('02_unknown_field_in_project', 'amount = { value = "10亿元"', 'amout = { value = "10亿元"', '02_unknown_field_in_project.toml:107:1: unknown field `amout`, expected one of `name`, `quote`, `amount`')
t('03_missing_title', 'title = "示例区举行招商引资项目集中签约活动 3个项目携12.5亿元落户"   # required\n', '', '03_missing_title.toml:18:1: missing field `title`')
t('04_missing_project_quote', 'quote = "投资10亿元的年产5万吨新材料项目"\namount', 'amount', '04_missing_project_quote.toml:104:1: missing field `quote`')
t('05_wrong_type_format', 'format = 1 ', 'format = "one" ', '05_wrong_type_format.toml:16:10: invalid type: string "one", expected u32')
t('06_wrong_type_date', 'date = "2024-01-15"', 'date = 2024-01-15', '06_wrong_type_date.toml:92:8: invalid type: map, expected a string; write dates in quotes, e.g. "2024-01-15"')
t('07_impossible_date', 'date = "2024-01-15"', 'date = "2024-02-30"', '07_impossible_date.toml:92:8: events[0].date (event 示例区招商引资项目集中签约活动): `2024-02-30` is not a real date')
t('08_date_form', 'published = "2024-01-15"', 'published = "15/01/2024"', '08_date_form.toml:22:13: source.published: `15/01/2024` is not a real date written YYYY-MM-DD')
t('09_negative_amount', 'amount = { value = "10亿元"', 'amount = { value = "-10亿元"', '09_negative_amount.toml:107:20: events[0].projects[0].amount.value (project 年产5万吨新材料项目): `-10亿元` is negative')
t('10_overflowing_amount', 'value = "100亿元"', 'value = "99999999999999999亿元"', '10_overflowing_amount.toml:124:9: statistics[0].value (statistic agreed_investment): `99999999999999999亿元` is more than 9萬億')
t('11_fraction_of_a_yuan', 'value = "100亿元"', 'value = "1.0000000001亿元"', 'statistics[0].value (statistic agreed_investment): `1.0000000001亿元` is not a whole number of yuan')
t('12_unknown_qualifier', 'value = "100亿元"', 'value = "大约100亿元"', '12_unknown_qualifier.toml:124:9: statistics[0].value (statistic agreed_investment): `大约100亿元` does not start with a number or a known qualifier')
t('13_two_qualifiers', 'value = "100亿元"', 'value = "逾100亿元以上"', '`逾100亿元以上` has two qualifiers (more_than and at_least)')
t('14_unknown_currency', 'value = "100亿元"', 'value = "100亿卢布"', '14_unknown_currency.toml:124:9: statistics[0].value (statistic agreed_investment): `100亿卢布`: unknown currency `卢布`')
t('15_quote_not_in_text', 'quote = "由示例新材料有限公司投资建设"\nhome_city', 'quote = "由示例新材料公司投资建设"\nhome_city', '15_quote_not_in_text.toml:63:9: companies[0].quote (company 示例新材料有限公司): `由示例新材料公司投资建设` is not in the source text')
t('16_figure_not_in_quote', 'signed_amount = { value = "12.5亿元"', 'signed_amount = { value = "12亿元"', '16_figure_not_in_quote.toml:95:27: events[0].signed_amount.value (event 示例区招商引资项目集中签约活动): `12亿元` does not appear in its quote')
dup = base + '''
[[events.projects]]
name = "年产5万吨新材料项目"
quote = "年产5万吨新材料项目"
'''
cases.append(('17_duplicate_project.toml', dup.encode(), '17_duplicate_project.toml:129:1: events[0].projects[1] (project 年产5万吨新材料项目): project `年产5万吨新材料项目` appears twice in this event'))
t('18_band_low_above_high', '# bands = [{ band = "10亿以上", count = "1个", quote = "…" }]', 'bands = [{ band = "50亿-10亿", count = "3个", quote = "共有3个项目携12.5亿元落户示例区" }]', '18_band_low_above_high.toml:96:19: events[0].bands[0].band (event 示例区招商引资项目集中签约活动): band `50亿-10亿`: its low end is above its high end')
cases.append(('19_empty.toml', b'  \n\n', '19_empty.toml: the file is empty; expected a source file'))
cases.append(('20_gbk.toml', base.replace('title = "示例区', 'title = "示例区').encode('gbk', errors='replace'), '20_gbk.toml:10: the file is not UTF-8 text (byte 389 is not valid UTF-8); a GBK or Big5 file must be converted first'))
t('21_field_too_long', 'author = "张三"', 'author = "' + '张' * 40000 + '"', '21_field_too_long.toml:23:10: source.author: is 120000 bytes long; the limit is 102400 bytes')
t('22_unknown_place', 'place = "示例区"\ndate', 'place = "不存在区"\ndate', '22_unknown_place.toml:91:9: events[0].place (event 示例区招商引资项目集中签约活动): unknown place `不存在区`; declare it under [[places]] in this file')
t('23_bad_place_kind', 'kind = "park"', 'kind = "village"', '23_bad_place_kind.toml:48:8: places[2].kind (place 示例工业园): `village` is not one of: country')
t('24_bad_company_role', 'role = "investor"', 'role = "owner"', 'events[0].projects[0].companies[0].role (project 年产5万吨新材料项目): `owner` is not one of: investor, operator, partner, developer')
t('25_bad_basis', 'basis = "inferred", quote = "示例区聚焦', 'basis = "guessed", quote = "示例区聚焦', 'events[0].strategies[0].basis (event 示例区招商引资项目集中签约活动): `guessed` is not one of: stated, inferred')
t('26_bad_script', 'script = "simplified"', 'script = "latin"', '26_bad_script.toml:24:10: source.script: `latin` is not one of: traditional, simplified')
t('27_bad_metric', 'metric = "agreed_investment"', 'metric = "Agreed Investment"', 'statistics[0].metric (statistic Agreed Investment): `Agreed Investment` is not a snake_case name')
t('28_target_without_period', 'from = "2024-01-01"\nto = "2024-12-31"\n', '', '28_target_without_period.toml:119:1: statistics[0] (statistic agreed_investment): a target needs its period: `from` and `to`')
t('29_period_reversed', 'from = "2024-01-01"\nto = "2024-12-31"', 'from = "2024-12-31"\nto = "2024-01-01"', 'statistics[0].to (statistic agreed_investment): period ends (2024-01-01) before it starts (2024-12-31)')
t('30_text_and_text_file', 'script = "simplified"', 'script = "simplified"\ntext_file = "article.txt"', '30_text_and_text_file.toml: source: give the text either inline (`text`) or as `text_file`, not both')
i = base.index('text = """'); j = base.index('"""', i + 10) + 3
cases.append(('31_missing_text.toml', (base[:i] + base[j:]).encode(), '31_missing_text.toml: source: the source text is missing; expected `text` or `text_file`'))
cases.append(('32_text_file_missing.toml', (base[:i] + 'text_file = "nope.txt"' + base[j:]).encode(), '32_text_file_missing.toml:26:13: source.text_file: cannot read `nope.txt`'))
t('33_format_version', 'format = 1 ', 'format = 2 ', '33_format_version.toml:16:10: format: format 2 is not supported; expected 1')
t('34_toml_syntax', 'name = "示例省"', 'name = "示例省', '34_toml_syntax.toml:37:12: invalid basic string')
t('35_layout_on_a_method', 'kind = "method"', 'kind = "method"\nlayout = [{ industry = "新材料", role = "main", quote = "深入开展以商招商" }]', 'strategies[1].layout (strategy 以商招商): only a strategy of kind `industrial_layout` has a layout')
t('36_declared_twice_in_two_scripts', '[[places]]\nname = "示例工业园"', '[[places]]\nname = "示例區"\nkind = "district"\nquote = "示例区举行招商引资项目集中签约活动"\n\n[[places]]\nname = "示例工业园"', 'places[2] (place 示例區): place `示例區` is declared twice in this file (names match in either script)')
t('37_amount_not_money', 'amount = { value = "10亿元"', 'amount = { value = "10亿个"', 'events[0].projects[0].amount.value (project 年产5万吨新材料项目): `10亿个` does not appear in its quote')
t('38_count_not_whole', 'project_count = { value = "3个"', 'project_count = { value = "2.5个"', '`2.5个` does not appear in its quote')
t('39_own_parent', 'parent = "示例区"\nquote = "落户示例工业园"', 'parent = "示例工业园"\nquote = "落户示例工业园"', 'places[2].parent (place 示例工业园): a place cannot be its own parent')
t('40_bad_url', 'url = "https://example.org', 'url = "example.org', '40_bad_url.toml:21:7: source.url: `example.org/2024/0115/signing.html` is not an http(s) URL')

# JSON and JSON Lines
import tomllib
doc = tomllib.loads(base)
def j(name, mutate, expect, jsonl=False):
    d = json.loads(json.dumps(doc, ensure_ascii=False))
    mutate(d)
    if jsonl:
        good = json.dumps(doc, ensure_ascii=False)
        bad = json.dumps(d, ensure_ascii=False)
        cases.append((name + '.jsonl', (good.replace('https://example.org/2024/0115', 'https://example.org/2024/0116').replace('3个项目携12.5亿元落户"', '3个项目携12.5亿元落户(二)"', 1) + '\n' + bad + '\n').encode(), expect))
    else:
        cases.append((name + '.json', json.dumps(d, ensure_ascii=False, indent=2).encode(), expect))
j('41_json_unknown_field', lambda d: d['source'].__setitem__('titel', 'x'), '41_json_unknown_field.json:11:11: unknown field `titel`')
cases.append(('42_json_syntax.json', b'{"format": 1,\n "source": {"title": "t",}\n}\n', '42_json_syntax.json:2:26: trailing comma'))
j('43_json_quote_not_in_text', lambda d: d['events'][0].__setitem__('quote', '1月16日'), '43_json_quote_not_in_text.json:76:16: events[0].quote (event 示例区招商引资项目集中签约活动): `1月16日` is not in the source text')
j('44_jsonl_bad_record', lambda d: d['statistics'][0].__setitem__('value', '大约100亿元'), '44_jsonl_bad_record.jsonl: record 2, column 2180: statistics[0].value (statistic agreed_investment): `大约100亿元` does not start with a number', jsonl=True)
j('45_json_wrong_type', lambda d: d.__setitem__('events', {'name': 'x'}), '45_json_wrong_type.json:71:12: invalid type: map, expected a sequence')

t('46_number_form_1', 'amount = { value = "10亿元"', 'amount = { value = ".5亿元"', '46_number_form_1.toml:107:20: events[0].projects[0].amount.value (project 年产5万吨新材料项目): `.5亿元`: `.5` is not a number')
t('47_number_form_2', 'amount = { value = "10亿元"', 'amount = { value = "5.亿元"', '47_number_form_2.toml:107:20: events[0].projects[0].amount.value (project 年产5万吨新材料项目): `5.亿元`: `5.` is not a number')
t('48_number_form_3', 'amount = { value = "10亿元"', 'amount = { value = "1..5亿元"', '48_number_form_3.toml:107:20: events[0].projects[0].amount.value (project 年产5万吨新材料项目): `1..5亿元`: `1..5` is not a number')
t('49_number_form_4', 'amount = { value = "10亿元"', 'amount = { value = "5.5.5亿元"', '49_number_form_4.toml:107:20: events[0].projects[0].amount.value (project 年产5万吨新材料项目): `5.5.5亿元`: `5.5.5` is not a number')
t('50_number_form_5', 'amount = { value = "10亿元"', 'amount = { value = "1e3亿元"', '50_number_form_5.toml:107:20: events[0].projects[0].amount.value (project 年产5万吨新材料项目): `1e3亿元`: a power of ten (e3亿元) is not a form sources use')
t('51_number_form_6', 'amount = { value = "10亿元"', 'amount = { value = "9223372036854775807元"', '51_number_form_6.toml:107:20: events[0].projects[0].amount.value (project 年产5万吨新材料项目): `9223372036854775807元` is more than 9萬億')

for name, data, expect in cases:
    open(os.path.join(out, name), 'wb').write(data)
with open(os.path.join(out, 'EXPECTED'), 'w', encoding='utf-8') as f:
    f.write('# file<TAB>a fragment the error message must contain (file, position, field, what was expected)\n')
    for name, data, expect in cases:
        f.write(f'{name}\t{expect}\n')
print(len(cases))
