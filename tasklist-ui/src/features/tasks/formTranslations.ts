import type { Language } from '../../app/i18n';

/**
 * Chinese texts of the form-js viewer (its validation messages and controls). form-js speaks
 * English and looks every text up through its `translate` service; this replaces that service.
 */
const ZH: Record<string, string> = {
  'Field is required.': '此项为必填。',
  'Field must have minimum value of {value}.': '不能小于 {value}。',
  'Field must have maximum value of {value}.': '不能大于 {value}。',
  'Field must have minimum length of {value}.': '长度不能少于 {value}。',
  'Field must have maximum length of {value}.': '长度不能超过 {value}。',
  'Field must match pattern {value}.': '格式须符合 {value}。',
  'Field must be a valid email.': '请输入有效的邮箱地址。',
  'Field must be a valid international phone number. (e.g. +4930664040900)': '请输入有效的国际电话号码（例如 +8613800000000）。',
  'Value is not a number.': '不是数字。',
  'Value is expected to be an integer.': '须为整数。',
  'Value is expected to have at most 1 decimal digit.': '最多 1 位小数。',
  'Value is expected to have at most {value} decimal digits.': '最多 {value} 位小数。',
  'Please select a valid value, the two nearest valid values are {previousValue} and {nextValue}.':
    '请选择有效的值，最接近的有效值为 {previousValue} 和 {nextValue}。',
  'Min validation value is not a valid number.': '最小值设置无效。',
  'Max validation value is not a valid number.': '最大值设置无效。',
  'Date and time must both be entered.': '日期和时间都须填写。',
  Increment: '增加',
  Decrement: '减少',
  Search: '搜索',
  'Skip to search': '跳到搜索',
  'Remove tag': '移除',
  'All values selected': '已全部选择',
  'Nothing to show.': '无内容。',
  'No content to show.': '无内容。',
  "External content couldn't be loaded.": '外部内容无法加载。',
  '{page} of {total}': '第 {page} / {total} 页',
  'Previous page': '上一页',
  'Next page': '下一页',
  'Click to sort by {value} descending': '按 {value} 降序排列',
  'Click to sort by {value} ascending': '按 {value} 升序排列',
  'Click to remove sorting': '取消排序',
  'No files selected': '未选择文件',
  '{value} files selected': '已选择 {value} 个文件',
  'Add new': '添加',
  Collapse: '收起',
  'Expand all ({value})': '全部展开（{value}）',
  'Document reference is not defined.': '未定义文档引用。',
  'Unable to download document': '无法下载文档',
  'Download {fileName}': '下载 {fileName}',
};

export function formTranslate(language: Language) {
  return (template: string, replacements: Record<string, unknown> = {}) => {
    const text = language === 'zh' ? (ZH[template] ?? template) : template;
    return text.replace(/{([^}]+)}/g, (whole, key: string) => (key in replacements ? String(replacements[key]) : whole));
  };
}

/** A form-js module that replaces its `translate` service. */
export function formTranslationModule(language: Language) {
  return { translate: ['value', formTranslate(language)] };
}
