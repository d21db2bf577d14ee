/** Words the benchmark's volume data is made of: realistic Chinese so search and bigrams behave as in use. */
export const DEFAULT_CATEGORIES_FOR_BENCH = ['交通', '卫生', '城建', '民政', '国土', '教育', '环保', '农业农村', '安全生产', '社会保障', '其他'] as const;

export const PHRASES = [
  '建议在村主干道安装路灯',
  '村小学门口交通秩序混乱需要设置减速带',
  '垃圾收集点清运不及时影响环境卫生',
  '农田灌溉水渠年久失修',
  '建议增加镇卫生院夜间门诊',
  '集镇停车难问题突出',
  '老旧小区雨污分流改造',
  '山塘水库安全隐患排查',
  '农村危房改造资金拨付慢',
  '建议完善养老服务中心设施',
  '河道清淤和堤防加固',
  '村级公路拓宽硬化',
  '校车安全管理需要加强',
  '农产品销售渠道不畅',
  '高龄津贴发放标准宣传不到位',
] as const;
