# Agora interface — Chinese (Simplified). First translation by the Agora developers; marked for review by a native speaker.

## Navigation and layout
nav-skip = 跳至主要内容
nav-main = 主菜单
nav-account = 账户
nav-languages = 语言
nav-signed-in-as = 当前登录用户
nav-sign-in = 登录
nav-sign-up = 创建账户
nav-home = 首页
nav-processes = 进程
nav-calendar = 日历
nav-glossary = 术语表
nav-organisations = 组织
nav-people = 人员
nav-admin = 管理
footer-about = Agora 以公开方式开展多利益攸关方治理进程。
footer-api = JSON API（OpenAPI）

## Buttons
action-sign-out = 退出登录
action-sign-in = 登录
action-sign-up = 创建账户
action-create = 创建
action-save = 保存
action-add = 添加
action-search = 搜索
action-next-page = 下一页
action-revoke = 撤销
action-grant = 授予
option-none = （无）

## Forms
form-errors-heading = 请更正以下内容
field-title = 标题
field-slug = 网址名称
field-mandate = 任务授权
field-convenor_id = 召集人
field-display_zone = 截止时间所用时区
field-seats = 席位
field-kind = 阶段
field-opens_at = 开始时间
field-closes_at = 截止时间
field-acronym = 缩写
field-organiser = 主办方
field-place = 地点
field-starts_on = 开始日期
field-ends_on = 结束日期
field-process_id = 进程
field-url = 网页
field-description = 说明
field-expansion = 全称
field-name = 名称
field-stakeholder_group = 利益攸关方群体
field-country = 国家
field-website = 网站
field-organisation_id = 组织
field-affiliation = 所属单位
field-region = 区域
field-languages = 语言
field-gender = 性别（自行申报，选填）
field-email = 电子邮件地址
field-password = 密码
field-display_name = 向他人显示的名称
field-role = 角色
hint-slug = 小写拉丁字母、数字和连字符；留空时根据标题生成。
hint-display_zone = IANA 时区，例如 Europe/Zurich、Asia/Makassar 或 UTC。
hint-country = 两个字母的 ISO 3166 代码，例如 HU 或 BR。
hint-languages = 以逗号分隔的语言代码，例如 fr, en。
hint-password = 至少 10 个字符。
hint-phase-zone = 日期和时间按本进程的时区理解：

## Validation errors
error-required = 此字段为必填项。
error-too-long = 内容过长：最多 { $limit } 个字符。
error-too-short = 内容过短：至少 { $limit } 个字符。
error-invalid-country = 请使用两个字母的 ISO 3166 国家代码。
error-invalid-region = 请从列表中选择区域。
error-invalid-language = 请使用 en, fr 或 zh-Hans 等语言代码。
error-invalid-time-zone = 无法识别该时区。
error-invalid-email = 电子邮件地址无效。
error-invalid-slug = 只能使用小写拉丁字母、数字和单个连字符。
error-invalid-url = 请使用以 https:// 开头的完整网址。
error-invalid-date = 请按 YYYY-MM-DD 格式输入日期。
error-invalid-instant = 请按 YYYY-MM-DDTHH:MM 格式输入日期和时间。
error-invalid-number = 请输入整数。
error-invalid-choice = 请选择其中一个选项。
error-unknown-stakeholder-group = 请从列表中选择利益攸关方群体。
error-end-before-start = 结束时间必须晚于开始时间。
error-duplicate = 该值已被占用。
error-not-found = 该项不存在。
error-back-home = 返回首页

## Error pages
status-400-title = 请求有误
status-400-detail = 无法理解该请求。
status-401-title = 需要登录
status-401-detail = 请登录后继续。
status-403-title = 不允许此操作
status-403-detail = 您的账户无权执行此操作，或表单已过期。请重新加载页面后再试。
status-404-title = 未找到页面
status-404-detail = 此地址没有任何内容。
status-405-title = 不允许的方法
status-405-detail = 此地址不接受此类请求。
status-413-title = 内容过大
status-413-detail = 您发送的内容超过了 Agora 可接受的大小。
status-415-title = 格式不受支持
status-415-detail = 请发送表单或 JSON。
status-422-title = 输入无效
status-422-detail = 部分字段需要更正。
status-429-title = 尝试次数过多
status-429-detail = 请等待一分钟后再试。
status-500-title = 出现错误
status-500-detail = 错误已记录。请稍后再试。

## Home
home-title = 多利益攸关方进程
home-lead = 磋商、征集提案、会议和报告，向所有利益攸关方群体开放。
home-open-now = 当前开放
home-nothing-open = 目前没有开放的阶段。
home-upcoming-events = 即将举行
home-recent-events = 近期活动
home-all-events = 日历中的所有活动

## Processes
process-new-title = 新建进程
process-edit-title = 编辑进程
process-members = 成员
process-convenor = 召集人
process-mandate = 任务授权
process-membership = 按利益攸关方群体分列的成员
process-seats-caption = 按利益攸关方群体分列的席位
process-total = 合计
process-timeline = 时间表
process-timeline-caption = 各阶段（按主办方时区）
process-no-phases = 尚无阶段。
process-status = 状态
process-events = 活动
process-add-phase = 添加阶段
phase-closes = 截止：
phase-kind-consultation = 磋商
phase-kind-call-for-proposals = 征集提案
phase-kind-review-and-selection = 审查和遴选
phase-kind-meeting = 会议
phase-kind-drafting = 起草
phase-kind-report = 报告
phase-status-upcoming = 即将开始
phase-status-open = 开放中
phase-status-closed = 已结束

## Stakeholder groups
group-government = 政府
group-private-sector = 私营部门
group-civil-society = 民间社会
group-technical-community = 技术界
group-academic-community = 学术界
group-intergovernmental-organisation = 政府间组织

## Regions (UN M49)
region-001 = 世界
region-002 = 非洲
region-015 = 北非
region-202 = 撒哈拉以南非洲
region-011 = 西部非洲
region-014 = 东部非洲
region-017 = 中部非洲
region-018 = 南部非洲
region-019 = 美洲
region-419 = 拉丁美洲和加勒比
region-029 = 加勒比
region-013 = 中美洲
region-005 = 南美洲
region-021 = 北美
region-142 = 亚洲
region-143 = 中亚
region-030 = 东亚
region-035 = 东南亚
region-034 = 南亚
region-145 = 西亚
region-150 = 欧洲
region-151 = 东欧
region-154 = 北欧
region-039 = 南欧
region-155 = 西欧
region-009 = 大洋洲
region-053 = 澳大利亚和新西兰
region-054 = 美拉尼西亚
region-057 = 密克罗尼西亚

## Calendar
calendar-feed = 日历订阅（iCalendar）
calendar-views = 日历视图
calendar-month-view = 月
calendar-list-view = 列表
calendar-new-title = 新建活动
calendar-all-events = 所有活动
calendar-empty = 没有活动。
calendar-previous = 上个月
calendar-next = 下个月
calendar-this-month = 本月活动
calendar-month-heading = { $year }年{ $month }
event-website = 网站
weekday-1 = 周一
weekday-2 = 周二
weekday-3 = 周三
weekday-4 = 周四
weekday-5 = 周五
weekday-6 = 周六
weekday-7 = 周日
month-1 = 一月
month-2 = 二月
month-3 = 三月
month-4 = 四月
month-5 = 五月
month-6 = 六月
month-7 = 七月
month-8 = 八月
month-9 = 九月
month-10 = 十月
month-11 = 十一月
month-12 = 十二月

## Glossary
glossary-search-label = 搜索缩写及其全称
glossary-new-title = 新建术语条目
glossary-count = 找到的条目
glossary-other-languages = 其他语言

## Directory
organisation-new-title = 新建组织
organisation-people = 人员
organisation-no-people = 未列出人员。
person-new-title = 新建人员

## Accounts
signin-title = 登录
signin-failed = 电子邮件地址或密码错误。
signup-title = 创建账户

## Administration
admin-audit-title = 审计日志
admin-audit-caption = 所有更改，最新的在前
admin-accounts = 账户
admin-roles = 角色
admin-grant = 授予角色
admin-scope-global = 全局
role-participant = 参与者
role-reviewer = 评审员
role-secretariat = 秘书处
role-admin = 管理员
audit-when = 时间
audit-who = 操作者
audit-what = 操作
audit-record = 记录
audit-system = 系统
audit-before = 修改前
audit-after = 修改后
