import { Badge, Highlight, List, NumberInput, Stack, Table, Text } from "@mantine/core";
import type { IndicatorValue } from "@cds/shared/schemas/indicators";
import { formatQualified, formatSignedChange } from "@cds/shared/format/numbers";
import type { WeekList, WeekReview } from "../api/types";
import { figureSpellings } from "./figure";

export type Edits = Record<string, { value: number | ""; change: number | "" }>;

interface Props {
  catalogue: WeekList["catalogue"];
  review: WeekReview;
  /** Present when the figures can be changed here (a draft, or a correction of the published week). */
  edits?: Edits;
  onEdit?: (id: string, field: "value" | "change", v: number | "") => void;
}

const numberProps = { decimalSeparator: ",", thousandSeparator: ".", size: "xs", w: 130, hideControls: true } as const;

/** Every catalogue indicator of the week: value, change, where in the report it was read, and what to check. */
export function WeekTable({ catalogue, review, edits, onEdit }: Props) {
  const values = review.latest.values as Record<string, IndicatorValue>;
  const groups = new Map(catalogue.groups.map((g) => [g.id, g.label]));
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="xs" aria-label="Số liệu các chỉ số trong tuần">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Chỉ số</Table.Th>
            <Table.Th>Giá trị</Table.Th>
            <Table.Th>Thay đổi so với tuần trước</Table.Th>
            <Table.Th>Câu trong báo cáo</Table.Th>
            <Table.Th>Cần kiểm tra</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {catalogue.indicators.map((def) => {
            const v = values[def.id];
            const edit = edits?.[def.id];
            const flags = review.flags[def.id] ?? [];
            return (
              <Table.Tr key={def.id} data-indicator={def.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {def.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {groups.get(def.group)} · mục {def.section}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {edits && onEdit ? (
                    <NumberInput
                      {...numberProps}
                      aria-label={`Giá trị: ${def.label}`}
                      value={edit?.value ?? v?.value ?? ""}
                      onChange={(x) => onEdit(def.id, "value", typeof x === "number" ? x : "")}
                      suffix={def.unit === "percent" ? "%" : undefined}
                    />
                  ) : v ? (
                    <Text size="sm">
                      {formatQualified(v.value, v.qualifier, { unit: def.unit })}{" "}
                      {def.unit === "count" ? def.unitLabel : ""}
                    </Text>
                  ) : (
                    <Badge color="red" variant="outline">
                      Thiếu
                    </Badge>
                  )}
                  {edits && !v && (
                    <Badge color="red" variant="outline" mt={4}>
                      Thiếu trong báo cáo
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {edits && onEdit ? (
                    <NumberInput
                      {...numberProps}
                      aria-label={`Thay đổi: ${def.label}`}
                      value={edit?.change ?? v?.change ?? ""}
                      onChange={(x) => onEdit(def.id, "change", typeof x === "number" ? x : "")}
                    />
                  ) : (
                    <Text size="sm">{v?.change !== undefined ? formatSignedChange(v.change) : "—"}</Text>
                  )}
                </Table.Td>
                <Table.Td maw={420}>
                  {v?.source_text ? (
                    <Highlight size="xs" highlight={figureSpellings(v)}>
                      {v.source_text}
                    </Highlight>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {v ? "Nhập tay" : "Không tìm thấy trong báo cáo"}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {flags.length > 0 ? (
                    <Stack gap={2}>
                      <Badge color="red">Bất thường</Badge>
                      <List size="xs">
                        {flags.map((f) => (
                          <List.Item key={f}>{f}</List.Item>
                        ))}
                      </List>
                    </Stack>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The edits as the API takes them: each changed indicator's full value, its sentence and qualifier kept. */
export function changesFrom(
  edits: Edits,
  values: Record<string, IndicatorValue>,
): Record<string, IndicatorValue | null> {
  const changes: Record<string, IndicatorValue | null> = {};
  for (const [id, e] of Object.entries(edits)) {
    const before = values[id];
    if (e.value === "") {
      if (before) changes[id] = null;
      continue;
    }
    const { change: _c, ...rest } = before ?? { value: e.value };
    changes[id] = { ...rest, value: e.value, ...(e.change !== "" && { change: e.change }) };
  }
  return changes;
}
