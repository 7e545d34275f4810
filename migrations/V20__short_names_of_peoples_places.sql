-- V20: short names the divisions table lacked (issue 27, session 18).
--
-- A division's short name (short_name) is its name without its kind and, for an autonomous
-- one, without its peoples. The rule that cuts a people named without 族 (新疆维吾尔自治区 →
-- 新疆) also cut the place's own name where it ends as a people's does: 内蒙古 (蒙古), 西藏 (藏),
-- 长白 (白), 陵水, 融水 and 彭水 (水), leaving one character, so no short name was stored and
-- `draft` never found 内蒙古 or 西藏 written short. The program now keeps such names; this
-- fills them in a catalogue filled before.

UPDATE divisions
SET short_name = CASE name
    WHEN '内蒙古自治区' THEN '内蒙古'
    WHEN '西藏自治区' THEN '西藏'
    WHEN '长白朝鲜族自治县' THEN '长白'
    WHEN '陵水黎族自治县' THEN '陵水'
    WHEN '融水苗族自治县' THEN '融水'
    WHEN '彭水苗族土家族自治县' THEN '彭水'
END
WHERE short_name IS NULL
  AND name IN ('内蒙古自治区', '西藏自治区', '长白朝鲜族自治县', '陵水黎族自治县', '融水苗族自治县',
               '彭水苗族土家族自治县');
